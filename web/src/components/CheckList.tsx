import type { ReactNode } from 'react';

interface CheckListProps<T> {
  legend: ReactNode;
  items: readonly T[];
  selected: ReadonlySet<string>;
  idOf: (item: T) => string;
  labelOf: (item: T) => ReactNode;
  onChange: (next: Set<string>) => void;
  empty?: ReactNode;
  testId?: string;
}

/** A multi-select as a fieldset of checkboxes (keyboard and screen-reader friendly, no custom widget). */
export function CheckList<T>({
  legend,
  items,
  selected,
  idOf,
  labelOf,
  onChange,
  empty,
  testId,
}: CheckListProps<T>) {
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="checklist" data-testid={testId}>
      <legend className="field-label">{legend}</legend>
      {items.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <div className="checklist-items">
          {items.map((item) => {
            const id = idOf(item);
            return (
              <label key={id} className="check">
                <input
                  type="checkbox"
                  checked={selected.has(id)}
                  onChange={(e) => toggle(id, e.target.checked)}
                  value={id}
                />
                <span>{labelOf(item)}</span>
              </label>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}
