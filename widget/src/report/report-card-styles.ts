import { css } from '../element-base';

/** The report card: readable from 280 px, in both themes (it uses the element's palette variables). */
export const reportCardStyles = css`
  .report {
    display: flex;
    flex-direction: column;
    gap: 6px;
    border-top: 1px solid var(--_border);
    padding-top: 8px;
  }
  .report h3,
  .report h4 {
    margin: 0.4em 0 0.2em;
  }
  .report p {
    margin: 0.2em 0;
  }
  .report ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
  .report-head {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
  }
  .report-head > div {
    flex: 1 1 200px;
  }
  .overall {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: 600;
  }
  .overall small {
    font-weight: 400;
    color: var(--_muted);
  }
  .ring-track,
  .ring {
    fill: none;
    stroke-width: 7;
  }
  .ring-track {
    stroke: var(--_border);
  }
  .ring {
    stroke: var(--_accent);
    stroke-linecap: round;
  }
  .overall text {
    fill: var(--_fg);
    font-size: 17px;
    font-weight: 700;
  }
  .note {
    padding: 6px 8px;
    border-radius: 6px;
    background: var(--_interviewer-bg);
    font-size: 0.9em;
  }
  .criteria {
    list-style: none;
    padding: 0 !important;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .criterion-head {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    font-weight: 600;
  }
  .criterion-head small {
    font-weight: 400;
    color: var(--_muted);
  }
  .criterion .value {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .bar {
    height: 8px;
    border-radius: 4px;
    background: var(--_border);
    overflow: hidden;
  }
  .bar span {
    display: block;
    height: 100%;
    background: var(--_accent);
  }
  .criterion p,
  .question p,
  .figures small {
    font-size: 0.9em;
  }
  .evidence span {
    color: var(--_muted);
  }
  .evidence q {
    font-style: italic;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
    gap: 8px;
    margin: 0;
  }
  .figure {
    padding: 6px 8px;
    border: 1px solid var(--_border);
    border-radius: 8px;
    border-inline-start-width: 4px;
  }
  .figure.good {
    border-inline-start-color: #2da44e;
  }
  .figure.off {
    border-inline-start-color: #d4a72c;
  }
  .figure dt {
    font-size: 0.85em;
    color: var(--_muted);
  }
  .figure dd {
    margin: 0;
    font-weight: 600;
  }
  .figure small,
  .verdict {
    display: block;
    font-weight: 400;
    color: var(--_muted);
  }
  .question {
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 6px 8px;
  }
  .question summary {
    cursor: pointer;
  }
  .question blockquote {
    margin: 4px 0;
    padding-inline-start: 8px;
    border-inline-start: 3px solid var(--_border);
    color: var(--_muted);
    font-size: 0.9em;
  }
  .flag {
    color: var(--_fg);
    border-inline-start: 3px solid #d4a72c;
    padding-inline-start: 6px;
  }
  .feedback {
    margin: 4px 0 0;
    font-size: 0.9em;
  }
  .feedback dt {
    font-weight: 600;
  }
  .feedback dd {
    margin: 0 0 4px;
  }
  .report-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 4px;
  }
  .report-actions button {
    flex: 1 1 auto;
  }
`;
