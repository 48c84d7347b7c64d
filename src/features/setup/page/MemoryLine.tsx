// What the run will hold in memory, worked out from the model's plan and the data as the numbers
// change (no worker round trip), against what the backend said it can allocate. The worker checks
// the same estimate at Train and refuses a run that cannot fit.
import { useStore } from '../../../app/store';
import { approxBytes, describeEstimate, mainPart, memoryProblem } from '../../../shared/memory';
import { runMemory } from '../run-memory';
import { setupProblems } from '../setup-rules';

export function MemoryLine() {
  const setup = useStore((s) => s.setup);
  const info = useStore((s) => s.dataset);
  const limits = useStore((s) => s.backend?.memory ?? null);
  const modelProblem = useStore((s) => s.summaryProblem);
  if (!info || modelProblem || setupProblems(setup).length > 0) return null;
  let estimate;
  try {
    estimate = runMemory(setup, { ...info, nRows: info.nTrain + info.nValid });
  } catch {
    return null; // a model that does not fit the data: the model section says why
  }
  const problem = memoryProblem(estimate, limits);
  if (problem) {
    return (
      <p className="field-hint warn memory-line" data-testid="memory-estimate" data-bytes={estimate.total}>
        {problem}
      </p>
    );
  }
  return (
    <p className="field-hint memory-line" data-testid="memory-estimate" data-bytes={estimate.total} title={describeEstimate(estimate)}>
      Memory: {approxBytes(estimate.total)} at its peak, mostly {mainPart(estimate)}
    </p>
  );
}
