import { startNodeStack } from '../test-support/node-stack';
import { attackCatalogue } from './attack-catalogue';

attackCatalogue('node', startNodeStack);
