import {
  emptyApprovedUse,
  emptyApprover,
  emptyClosedDate,
  toggled,
  withoutRow,
  withRow,
  withRowChanged,
  type ApprovedUseRow,
  type ApproverRow,
  type ClosedDateRow,
} from '../../utils/core/builder-form';
import { ROLE_NAMES } from '../../utils/core/page-text';
import { ROLES } from '../../utils/core/types';

interface RowsProps<T> {
  rows: T[];
  onChange: (rows: T[]) => void;
}

export function ClosedDatesEditor({ rows, onChange }: RowsProps<ClosedDateRow>) {
  const change = (i: number, c: Partial<ClosedDateRow>) => onChange(withRowChanged(rows, i, c));
  return (
    <fieldset>
      <legend>Closed dates (holidays, INSET days)</legend>
      <p class="hint">Whole days, from and to included, that are not school days.</p>
      {rows.length > 0 && (
        <table class="rows" data-testid="closed-date-rows">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Label</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <input type="date" aria-label={`Closed date ${i + 1}: from`} value={r.from} onInput={(e) => change(i, { from: e.currentTarget.value })} />
                </td>
                <td>
                  <input type="date" aria-label={`Closed date ${i + 1}: to`} value={r.to} onInput={(e) => change(i, { to: e.currentTarget.value })} />
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`Closed date ${i + 1}: label`}
                    placeholder="Christmas holidays"
                    value={r.label}
                    onInput={(e) => change(i, { label: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <button type="button" class="small" aria-label={`Remove closed date ${i + 1}`} onClick={() => onChange(withoutRow(rows, i))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" class="small" onClick={() => onChange(withRow(rows, emptyClosedDate()))}>
        Add a closed date
      </button>
    </fieldset>
  );
}

export function ApprovedUsesEditor({ rows, onChange }: RowsProps<ApprovedUseRow>) {
  const change = (i: number, c: Partial<ApprovedUseRow>) => onChange(withRowChanged(rows, i, c));
  return (
    <div>
      {rows.map((r, i) => (
        <fieldset key={i} class="row-box" data-testid="approved-use-row">
          <legend>Approved use {i + 1}</legend>
          <div class="grid2">
            <div class="field">
              <label for={`use-${i}-url`}>Address of the school's page</label>
              <input
                id={`use-${i}-url`}
                type="url"
                placeholder="https://x.com/AshGroveAcademy"
                value={r.url}
                spellcheck={false}
                onInput={(e) => change(i, { url: e.currentTarget.value })}
              />
            </div>
            <div class="field">
              <label for={`use-${i}-purpose`}>Purpose</label>
              <input
                id={`use-${i}-purpose`}
                type="text"
                placeholder="School X account"
                value={r.purpose}
                onInput={(e) => change(i, { purpose: e.currentTarget.value })}
              />
            </div>
          </div>
          <div class="inline">
            <span class="inline-label" id={`use-${i}-roles`}>
              For
            </span>
            <span role="group" aria-labelledby={`use-${i}-roles`}>
              {ROLES.map((role) => (
                <label key={role} class="check-label">
                  <input
                    type="checkbox"
                    checked={r.roles.includes(role)}
                    onChange={(e) => change(i, { roles: toggled(r.roles, role, e.currentTarget.checked, ROLES) })}
                  />{' '}
                  {ROLE_NAMES[role]}
                </label>
              ))}
            </span>
            <label class="check-label">
              <input type="checkbox" checked={r.schoolHoursOnly} onChange={(e) => change(i, { schoolHoursOnly: e.currentTarget.checked })} /> School
              hours only
            </label>
            <button type="button" class="small push-right" aria-label={`Remove approved use ${i + 1}`} onClick={() => onChange(withoutRow(rows, i))}>
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" class="small" onClick={() => onChange(withRow(rows, emptyApprovedUse()))}>
        Add an approved use
      </button>
    </div>
  );
}

export function ApproversEditor({ rows, onChange }: RowsProps<ApproverRow>) {
  const change = (i: number, c: Partial<ApproverRow>) => onChange(withRowChanged(rows, i, c));
  return (
    <fieldset>
      <legend>Approvers (for "approver-pin")</legend>
      <p class="hint">A head teacher or SLT member enters their PIN on the device. PINs are at least 8 characters; only their hashes go in the policy.</p>
      {rows.length > 0 && (
        <table class="rows">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">PIN</th>
              <th scope="col">Hash</th>
              <th scope="col">
                <span class="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <input
                    type="text"
                    aria-label={`Approver ${i + 1}: name`}
                    placeholder="Mrs Shah (Head teacher)"
                    value={r.name}
                    onInput={(e) => change(i, { name: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    type="password"
                    autoComplete="new-password"
                    aria-label={`Approver ${i + 1}: PIN`}
                    value={r.pin}
                    onInput={(e) => change(i, { pin: e.currentTarget.value })}
                  />
                </td>
                <td class={!r.pin && r.pinHash ? 'ok' : 'note'}>{r.pin ? 'not hashed yet' : r.pinHash ? 'hashed' : 'none'}</td>
                <td>
                  <button type="button" class="small" aria-label={`Remove approver ${i + 1}`} onClick={() => onChange(withoutRow(rows, i))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" class="small" onClick={() => onChange(withRow(rows, emptyApprover()))}>
        Add an approver
      </button>
    </fieldset>
  );
}
