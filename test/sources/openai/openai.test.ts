import { openaiCase } from '../pull-case.ts';
import { runPullSuite } from '../pull-suite.ts';

runPullSuite(openaiCase);
