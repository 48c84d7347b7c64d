// tsconfig.app.json maps every '@tensorflow/*' import of the page to this empty
// module, so `import * as tf from '@tensorflow/tfjs'` in src/app fails to compile
// ("has no exported member"): tfjs runs in the training worker only.
// src/app/page-boundary.test.ts checks the same, side-effect imports included.
export {};
