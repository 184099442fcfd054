import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

export interface Option {
  value: string;
  /** Shown beside the value, e.g. the preset's label or "recent". */
  hint?: string;
}

interface Props {
  id: string;
  label: string;
  /** Accessible name of the suggestion list. */
  listLabel: string;
  value: string;
  options: Option[];
  placeholder?: string;
  invalid?: boolean;
  onCommit: (value: string) => void;
}

/**
 * An editable combobox (WAI-ARIA APG "list autocomplete"): type to filter, arrows to move,
 * Enter or a click to apply, Escape to close and restore.
 */
export function Combobox({ id, label, listLabel, value, options, placeholder, invalid, onCommit }: Props) {
  const [text, setText] = useState(value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  // While someone types, a value arriving from storage (the last change landing) must not replace their text.
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setText(value);
  }, [value]);

  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    const filtered =
      q === '' || q === value ? options : options.filter((o) => o.value.includes(q) || o.hint?.toLowerCase().includes(q));
    return filtered.slice(0, 50);
  }, [text, value, options]);

  const commit = (next: string) => {
    editing.current = false;
    setOpen(false);
    setActive(-1);
    setText(next);
    onCommit(next);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (shown.length === 0 ? -1 : (i + step + shown.length) % shown.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      commit(open && active >= 0 && shown[active] ? shown[active].value : text);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      editing.current = false;
      setText(value);
    }
  };

  const listId = `${id}-list`;
  return (
    <div class="combobox">
      <label for={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        autocomplete="off"
        spellcheck={false}
        aria-autocomplete="list"
        aria-expanded={open && shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={invalid || undefined}
        placeholder={placeholder}
        value={text}
        onInput={(e) => {
          editing.current = true;
          setText((e.currentTarget as HTMLInputElement).value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          if (editing.current) {
            editing.current = false;
            setText(value);
          }
        }}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label={listLabel} hidden={!open || shown.length === 0}>
        {shown.map((o, i) => (
          <div
            key={o.value}
            id={`${id}-opt-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            class={i === active ? 'active' : undefined}
            // mousedown, not click: it fires before the input's blur closes the list
            onMouseDown={(e) => {
              e.preventDefault();
              commit(o.value);
            }}
          >
            {/* the space keeps the accessible name readable: "alice Alice" */}
            <span class="opt-value">{o.value}</span> {o.hint && <span class="opt-hint">{o.hint}</span>}
          </div>
        ))}
      </div>
    </div>
  );
}
