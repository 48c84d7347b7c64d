// The one switch that shows the page's plumbing callbacks in fastai's views (show_training_loop, the
// debugger's timeline and profile); every view reads the same setting.
import { useStore } from '../../../app/store';
import { PLUMBING_NAMES } from '../../../shared/plumbing';
import './callbacks.css';

const TITLE = `The callbacks the page installs in every run to talk to the Learner (not fastai's): ${PLUMBING_NAMES.join(', ')}`;

export function PlumbingSwitch() {
  const show = useStore((s) => s.callbacks.showPlumbing);
  const setShow = useStore((s) => s.setShowPlumbing);
  return (
    <label className="cb-small plumbing-switch" title={TITLE}>
      <input type="checkbox" data-testid="show-plumbing" checked={show} onChange={(e) => setShow(e.currentTarget.checked)} /> show page
      plumbing
    </label>
  );
}
