import { cloneElement, isValidElement, useId, type AriaAttributes, type ReactElement, type ReactNode } from 'react';

type ControlProps = Pick<AriaAttributes, 'aria-describedby' | 'aria-invalid'> & { id?: string };

export interface FieldProps {
  /** The visible label: also the control's whole accessible name. */
  label: ReactNode;
  /** Extra help, read after the name (aria-describedby), never part of it. */
  hint?: ReactNode;
  /** What is wrong with the value; marks the control invalid and is read with it. */
  error?: ReactNode;
  /** The control's id (else one is made); the hint and error ids derive from it. */
  id?: string;
  className?: string;
  /** One input, select or textarea (or a component passing id and aria-* to one). */
  children: ReactElement<ControlProps>;
  /** Shown after the hint, inside the field (e.g. inline findings, a warning). */
  extra?: ReactNode;
}

/**
 * The app's one labelled form field (issue 11): a <label for> naming the
 * control, a hint and an error linked by aria-describedby, aria-invalid when
 * there is an error. A hint inside the <label> would become part of the
 * control's name; here it stays a description.
 */
export function Field({ label, hint, error, id, className, children, extra }: FieldProps) {
  const made = useId();
  const control = isValidElement(children) ? children : null;
  const controlId = id ?? control?.props.id ?? `f${made.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const described = new Set((control?.props['aria-describedby'] ?? '').split(/\s+/).filter(Boolean));
  if (hint) described.add(hintId);
  if (error) described.add(errorId);
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field-label" htmlFor={controlId}>
        {label}
      </label>
      {control &&
        cloneElement(control, {
          id: controlId,
          'aria-describedby': described.size ? [...described].join(' ') : undefined,
          ...(error ? { 'aria-invalid': true } : {}),
        })}
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={errorId} role="alert">
          {error}
        </span>
      )}
      {extra}
    </div>
  );
}
