import { startNodeStack } from '../test-support/node-stack';
import { conformanceSuite } from './conformance';

conformanceSuite('node', startNodeStack);
