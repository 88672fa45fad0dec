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
import type { AdminMessages } from '../../utils/core/i18n/admin-en';
import { ROLES, type Role } from '../../utils/core/types';

interface RowsProps<T> {
  rows: T[];
  onChange: (rows: T[]) => void;
  words: AdminMessages['builder'];
}

export function ClosedDatesEditor({ rows, onChange, words: w }: RowsProps<ClosedDateRow>) {
  const change = (i: number, c: Partial<ClosedDateRow>) => onChange(withRowChanged(rows, i, c));
  return (
    <fieldset>
      <legend>{w.closed}</legend>
      <p class="hint">{w.closedHint}</p>
      {rows.length > 0 && (
        <table class="rows" data-testid="closed-date-rows">
          <thead>
            <tr>
              <th scope="col">{w.closedFrom}</th>
              <th scope="col">{w.closedTo}</th>
              <th scope="col">{w.closedLabel}</th>
              <th scope="col">
                <span class="visually-hidden">{w.remove}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td data-label={w.closedFrom}>
                  <input
                    type="date"
                    aria-label={w.closedField(i + 1, w.closedFrom)}
                    value={r.from}
                    onInput={(e) => change(i, { from: e.currentTarget.value })}
                  />
                </td>
                <td data-label={w.closedTo}>
                  <input type="date" aria-label={w.closedField(i + 1, w.closedTo)} value={r.to} onInput={(e) => change(i, { to: e.currentTarget.value })} />
                </td>
                <td data-label={w.closedLabel}>
                  <input
                    type="text"
                    aria-label={w.closedField(i + 1, w.closedLabel)}
                    placeholder={w.closedPlaceholder}
                    value={r.label}
                    onInput={(e) => change(i, { label: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <button type="button" class="small" aria-label={w.removeClosed(i + 1)} onClick={() => onChange(withoutRow(rows, i))}>
                    {w.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" class="small" onClick={() => onChange(withRow(rows, emptyClosedDate()))}>
        {w.addClosed}
      </button>
    </fieldset>
  );
}

export function ApprovedUsesEditor({ rows, onChange, words: w, roleNames }: RowsProps<ApprovedUseRow> & { roleNames: Record<Role, string> }) {
  const change = (i: number, c: Partial<ApprovedUseRow>) => onChange(withRowChanged(rows, i, c));
  return (
    <div>
      {rows.map((r, i) => (
        <fieldset key={i} class="row-box" data-testid="approved-use-row">
          <legend>{w.approvedUse(i + 1)}</legend>
          <div class="grid2">
            <div class="field">
              <label for={`use-${i}-url`}>{w.useUrl}</label>
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
              <label for={`use-${i}-purpose`}>{w.purpose}</label>
              <input
                id={`use-${i}-purpose`}
                type="text"
                placeholder={w.usePlaceholder}
                value={r.purpose}
                onInput={(e) => change(i, { purpose: e.currentTarget.value })}
              />
            </div>
          </div>
          <div class="inline">
            <span class="inline-label" id={`use-${i}-roles`}>
              {w.forRoles}
            </span>
            <span role="group" aria-labelledby={`use-${i}-roles`}>
              {ROLES.map((role) => (
                <label key={role} class="check-label">
                  <input
                    type="checkbox"
                    checked={r.roles.includes(role)}
                    onChange={(e) => change(i, { roles: toggled(r.roles, role, e.currentTarget.checked, ROLES) })}
                  />{' '}
                  {roleNames[role]}
                </label>
              ))}
            </span>
            <label class="check-label">
              <input type="checkbox" checked={r.schoolHoursOnly} onChange={(e) => change(i, { schoolHoursOnly: e.currentTarget.checked })} />{' '}
              {w.schoolHoursOnly}
            </label>
            <button type="button" class="small push-right" aria-label={w.removeUse(i + 1)} onClick={() => onChange(withoutRow(rows, i))}>
              {w.remove}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" class="small" onClick={() => onChange(withRow(rows, emptyApprovedUse()))}>
        {w.addUse}
      </button>
    </div>
  );
}

export function ApproversEditor({ rows, onChange, words: w }: RowsProps<ApproverRow>) {
  const change = (i: number, c: Partial<ApproverRow>) => onChange(withRowChanged(rows, i, c));
  return (
    <fieldset>
      <legend>{w.approvers}</legend>
      <p class="hint">{w.approversHint}</p>
      {rows.length > 0 && (
        <table class="rows">
          <thead>
            <tr>
              <th scope="col">{w.name}</th>
              <th scope="col">{w.pin}</th>
              <th scope="col">{w.pinHash}</th>
              <th scope="col">
                <span class="visually-hidden">{w.remove}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td data-label={w.name}>
                  <input
                    type="text"
                    aria-label={w.approverField(i + 1, w.name.toLowerCase())}
                    placeholder={w.approverPlaceholder}
                    value={r.name}
                    onInput={(e) => change(i, { name: e.currentTarget.value })}
                  />
                </td>
                <td data-label={w.pin}>
                  <input
                    type="password"
                    autoComplete="new-password"
                    aria-label={w.approverField(i + 1, w.pin)}
                    value={r.pin}
                    onInput={(e) => change(i, { pin: e.currentTarget.value })}
                  />
                </td>
                <td data-label={w.pinHash} class={!r.pin && r.pinHash ? 'ok' : 'note'}>
                  {r.pin ? w.notHashed : r.pinHash ? w.hashed : w.noHash}
                </td>
                <td>
                  <button type="button" class="small" aria-label={w.removeApprover(i + 1)} onClick={() => onChange(withoutRow(rows, i))}>
                    {w.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" class="small" onClick={() => onChange(withRow(rows, emptyApprover()))}>
        {w.addApprover}
      </button>
    </fieldset>
  );
}
