import { css } from 'lit';

/**
 * Styles shared by the dashboard's shadow roots: panels, buttons, tables, chips. Colours and
 * spacing come from the custom properties declared in index.html, so one palette rules.
 */
export const shared = css`
  :host { color: var(--ink); }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h2, h3, h4 { margin: 0; color: var(--ink); font-weight: 600; }
  h2 { font-size: 1.375rem; letter-spacing: -0.01em; }
  h3 { font-size: 1rem; }
  p { margin: 0; line-height: 1.5; }
  a { color: var(--link); }
  .panel { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: var(--space-4); }
  .muted { color: var(--muted); }
  .small { font-size: 0.8125rem; }
  .grid { display: grid; gap: var(--space-4); }
  .grid-2 { display: grid; gap: var(--space-4); grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); }
  .kpis { display: grid; gap: var(--space-3); grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); }
  .view-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: var(--space-2) var(--space-4); margin-bottom: var(--space-4); }
  .view-head p { color: var(--muted); font-size: 0.875rem; }
  button, .button {
    font: inherit; font-size: 0.875rem; font-weight: 500; line-height: 1.2; cursor: pointer; text-decoration: none;
    display: inline-flex; align-items: center; gap: 0.375rem; min-height: 2.25rem; padding: 0.5rem 0.875rem;
    border-radius: 6px; border: 1px solid var(--border-strong); background: var(--surface); color: var(--ink);
  }
  button:hover, .button:hover { background: var(--hover); }
  button.primary, .button.primary { background: var(--primary); border-color: var(--primary); color: #fff; }
  button.primary:hover, .button.primary:hover { background: var(--primary-strong); }
  button.ghost { border-color: transparent; background: transparent; }
  button[disabled] { opacity: 0.6; cursor: not-allowed; }
  button:focus-visible, .button:focus-visible, a:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid var(--focus); outline-offset: 2px;
  }
  select, input[type='text'], input[type='search'], input[type='date'], input[type='email'], input[type='password'] {
    font: inherit; font-size: 0.875rem; min-height: 2.25rem; padding: 0.375rem 0.625rem; color: var(--ink);
    border: 1px solid var(--border-strong); border-radius: 6px; background: var(--surface);
  }
  label { font-size: 0.8125rem; color: var(--muted); font-weight: 500; }
  table { width: 100%; border-collapse: collapse; font-size: 0.875rem; font-variant-numeric: tabular-nums; }
  caption { text-align: left; font-weight: 600; padding-bottom: var(--space-2); }
  th, td { text-align: left; padding: 0.5rem 0.625rem; border-bottom: 1px solid var(--border); vertical-align: top; }
  th { font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 600; }
  tbody th { text-transform: none; letter-spacing: normal; font-size: 0.875rem; color: var(--ink); font-weight: 500; }
  td.num, th.num { text-align: right; }
  .table-wrap { overflow-x: auto; }
  .chip { display: inline-flex; align-items: center; gap: 0.25rem; font-size: 0.75rem; font-weight: 600; padding: 0.125rem 0.5rem; border-radius: 999px; background: var(--chip); color: var(--ink); white-space: nowrap; }
  .chip.P { background: #e3f1e4; color: #1b5e20; }
  .chip.N { background: #fbe4e2; color: #8c1d18; }
  .chip.NEU { background: #ecebf0; color: #45424f; }
  .chip.flag { background: #f9e1ea; color: #7d1538; }
  .chip.high { background: #8c1d18; color: #fff; }
  .chip.medium { background: #b4530b; color: #fff; }
  .chip.low { background: #ecebf0; color: #45424f; }
  .notice { border-left: 4px solid var(--primary); background: var(--surface); padding: var(--space-3) var(--space-4); border-radius: 0 var(--radius) var(--radius) 0; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
