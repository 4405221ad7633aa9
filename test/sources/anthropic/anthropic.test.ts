import { anthropicCase } from '../pull-case.ts';
import { runPullSuite } from '../pull-suite.ts';

runPullSuite(anthropicCase);
