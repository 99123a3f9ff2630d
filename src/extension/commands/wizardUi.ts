// The step wizard's machinery: quick picks and input boxes with a step counter, Back, and skipped steps.
import * as vscode from 'vscode';
import { UserCancelled } from '../connection';

/** Thrown by a prompt when the user pressed Back. */
export class GoBack extends Error {}
/** Thrown by a step (the confirm step) to jump to another step and come back. */
export class GoTo extends Error {
  constructor(readonly stepId: string) {
    super(stepId);
  }
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value?: T;
}

export interface WizardStep<S> {
  id: string;
  /** False when the value is already decided (a default stands, or the step does not apply). */
  shouldPrompt(state: S): boolean;
  /** Resolves 'skipped' when it found nothing to ask (then Back never lands on it). */
  prompt(state: S, ui: WizardUi): Promise<void | 'skipped'>;
}

export interface WizardStepShown {
  title: string;
  step: number;
  placeholder: string;
  /** The labels of the items a user can pick, in their order. */
  items: string[];
  /** The labels of the separators between them (the VM size step's families). */
  separators: string[];
  /** The item the list opens on. */
  active?: string;
}
const stepShown = new vscode.EventEmitter<WizardStepShown>();
/** Fires when a wizard step is on screen with its items loaded (the test API re-exports it). */
export const onDidShowWizardStep = stepShown.event;

/** Quick picks and input boxes with a title, a step counter and a Back button. */
export class WizardUi {
  step = 1;
  totalSteps = 1;
  canGoBack = false;

  constructor(readonly title: string) {}

  /** Shows items (loaded lazily with a busy spinner) and resolves with the picked item's value. */
  async pick<T>(placeholder: string, items: PickItem<T>[] | Promise<PickItem<T>[]>, activeValue?: T): Promise<T> {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    qp.title = this.title;
    qp.step = this.step;
    qp.totalSteps = this.totalSteps;
    qp.placeholder = placeholder;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    qp.buttons = this.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    qp.busy = true;
    qp.enabled = false;
    qp.show();
    try {
      const loaded = await items;
      qp.items = loaded;
      const active = loaded.find((i) => i.value !== undefined && i.value === activeValue);
      if (active) qp.activeItems = [active];
      qp.busy = false;
      qp.enabled = true;
      const separator = (i: PickItem<T>) => i.kind === vscode.QuickPickItemKind.Separator;
      stepShown.fire({
        title: this.title,
        step: this.step,
        placeholder,
        items: loaded.filter((i) => !separator(i)).map((i) => i.label),
        separators: loaded.filter(separator).map((i) => i.label),
        active: qp.activeItems[0]?.label,
      });
      return await new Promise<T>((resolve, reject) => {
        qp.onDidTriggerButton(() => reject(new GoBack()));
        qp.onDidAccept(() => {
          const item = qp.selectedItems[0] ?? qp.activeItems[0];
          if (item && item.value !== undefined) resolve(item.value);
        });
        qp.onDidHide(() => reject(new UserCancelled()));
      });
    } finally {
      qp.dispose();
    }
  }

  async input(prompt: string, value: string, validate: (v: string) => string | undefined): Promise<string> {
    const box = vscode.window.createInputBox();
    box.title = this.title;
    box.step = this.step;
    box.totalSteps = this.totalSteps;
    box.prompt = prompt;
    box.value = value;
    box.ignoreFocusOut = true;
    box.buttons = this.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    box.show();
    stepShown.fire({ title: this.title, step: this.step, placeholder: prompt, items: [], separators: [] });
    try {
      return await new Promise<string>((resolve, reject) => {
        box.onDidTriggerButton(() => reject(new GoBack()));
        box.onDidChangeValue((v) => (box.validationMessage = validate(v)));
        box.onDidAccept(() => {
          const error = validate(box.value);
          box.validationMessage = error;
          if (!error) resolve(box.value);
        });
        box.onDidHide(() => reject(new UserCancelled()));
      });
    } finally {
      box.dispose();
    }
  }
}

/**
 * Runs steps in order. A step whose default stands is skipped; Back returns to the last step the
 * user actually saw (forcing it open even if its value is now set); GoTo opens one step and then
 * continues from the step that asked for it.
 */
export async function runWizard<S>(title: string, steps: WizardStep<S>[], state: S): Promise<S> {
  const ui = new WizardUi(title);
  const history: number[] = [];
  let i = 0;
  let forced = -1;
  let returnTo = -1;
  while (i < steps.length) {
    const step = steps[i];
    if (i !== forced && !step.shouldPrompt(state)) {
      i++;
      continue;
    }
    ui.canGoBack = history.length > 0;
    ui.step = history.length + 1;
    ui.totalSteps = Math.max(ui.step, history.length + 1 + steps.slice(i + 1).filter((s) => s.shouldPrompt(state)).length);
    try {
      if ((await step.prompt(state, ui)) !== 'skipped') history.push(i);
      forced = -1;
      if (returnTo >= 0) {
        i = returnTo;
        forced = returnTo;
        returnTo = -1;
      } else i++;
    } catch (e) {
      if (e instanceof GoBack) {
        i = history.pop() ?? 0;
        forced = i;
        returnTo = -1;
      } else if (e instanceof GoTo) {
        const target = steps.findIndex((s) => s.id === e.stepId);
        if (target < 0) throw e;
        history.push(i);
        returnTo = i;
        i = target;
        forced = target;
      } else throw e;
    }
  }
  return state;
}
