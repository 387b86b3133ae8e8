import { startWorkerStack } from '../test-support/worker-stack';
import { conformanceSuite } from './conformance';

conformanceSuite('worker', startWorkerStack);
