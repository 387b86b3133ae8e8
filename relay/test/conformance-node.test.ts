import { startNodeStack } from '../test-support/node-stack';
import { conformanceSuite } from './conformance';
import { flowConformanceSuite } from './conformance-flow';

conformanceSuite('node', startNodeStack);
flowConformanceSuite('node', startNodeStack);
