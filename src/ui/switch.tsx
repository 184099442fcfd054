import type { ComponentChildren } from 'preact';

interface Props {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  children?: ComponentChildren;
  /** Visible text when it differs from the accessible name. */
  text?: ComponentChildren;
}

/** A checkbox with role=switch: native keyboard and form semantics, drawn as a toggle. */
export function Switch({ label, checked, disabled, onChange, text }: Props) {
  return (
    <label class="switch">
      <input
        type="checkbox"
        role="switch"
        aria-checked={checked}
        aria-label={text === undefined ? undefined : label}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <span class="switch-track" aria-hidden="true" />
      <span class="switch-text">{text ?? label}</span>
    </label>
  );
}
