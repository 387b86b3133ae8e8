import { startWorkerStack } from '../test-support/worker-stack';
import { attackCatalogue } from './attack-catalogue';

attackCatalogue('worker', startWorkerStack);
