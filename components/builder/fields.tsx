import type { ComponentChildren } from 'preact';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  placeholder?: string;
  type?: 'text' | 'url' | 'email' | 'password' | 'date' | 'number';
  autoComplete?: string;
  size?: number;
}

/** A labelled input, with an optional hint tied to it for screen readers. */
export function TextField({ id, label, value, onInput, hint, placeholder, type = 'text', autoComplete = 'off', size }: TextFieldProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        placeholder={placeholder}
        autoComplete={autoComplete}
        size={size}
        spellcheck={false}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      {hint && (
        <span id={`${id}-hint`} class="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

interface CheckboxesProps<T extends string> {
  legend: string;
  options: readonly { value: T; label: string }[];
  checked: readonly T[];
  onChange: (value: T, on: boolean) => void;
  /** Prefix for ids and names, unique on the page. */
  name: string;
  class?: string;
  children?: ComponentChildren;
}

/** A fieldset of checkboxes, one per option. */
export function Checkboxes<T extends string>({ legend, options, checked, onChange, name, class: cls, children }: CheckboxesProps<T>) {
  return (
    <fieldset class={cls}>
      <legend>{legend}</legend>
      {children}
      <div class="checkbox-list">
        {options.map((o) => (
          <label key={o.value} class="check-label">
            <input type="checkbox" name={name} checked={checked.includes(o.value)} onChange={(e) => onChange(o.value, e.currentTarget.checked)} /> {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface SelectProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  /** Hide the visible label (a table header already names it); it stays the accessible name. */
  hiddenLabel?: boolean;
}

export function Select<T extends string>({ id, label, value, options, onChange, hiddenLabel }: SelectProps<T>) {
  const select = (
    <select id={id} value={value} aria-label={hiddenLabel ? label : undefined} onChange={(e) => onChange(e.currentTarget.value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  if (hiddenLabel) return select;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {select}
    </div>
  );
}
