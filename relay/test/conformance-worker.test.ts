import { startWorkerStack } from '../test-support/worker-stack';
import { conformanceSuite } from './conformance';
import { flowConformanceSuite } from './conformance-flow';

conformanceSuite('worker', startWorkerStack);
flowConformanceSuite('worker', startWorkerStack);
