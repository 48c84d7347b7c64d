// Layout checks run in the page: what a person would see as broken at this width, as sentences.
import type { Page } from '@playwright/test';

export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element): string => {
      const id = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}${cls}`;
    };
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    /** Whether a text of the element breaks over lines (a text node wrapped has one box per line). */
    const wraps = (el: Element): boolean => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = new Set(
          Array.from(range.getClientRects())
            .filter((r) => r.width > 0)
            .map((r) => Math.round(r.top)),
        );
        if (tops.size > 1) return true;
      }
      return false;
    };

    const root = document.scrollingElement!;
    if (root.scrollWidth > innerWidth) problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide in ${innerWidth}`);

    const tabs = Array.from(document.querySelectorAll('.wb-tabs [role="tab"]')).filter(shown);
    const tops = new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top)));
    if (tops.size > 1) problems.push('the workbench tabs take more than one row');
    for (const t of tabs) if (wraps(t)) problems.push(`the tab "${t.textContent}" wraps`);
    for (const v of Array.from(document.querySelectorAll('.stat-value, .stat-label')))
      if (shown(v) && wraps(v)) problems.push(`"${v.textContent}" wraps in its stat card`);

    // Nothing sticks out of a card, unless a scrolling or clipping box inside the card holds it.
    const clips = (el: Element, card: Element): boolean => {
      for (let a = el.parentElement; a && a !== card; a = a.parentElement) {
        const o = getComputedStyle(a);
        if (o.overflowX !== 'visible') return true;
      }
      return false;
    };
    const cards = Array.from(document.querySelectorAll('.panel, .stat, .workbench, .wb-tabs')).filter(shown);
    for (const card of cards) {
      const box = card.getBoundingClientRect();
      for (const el of Array.from(card.querySelectorAll('*'))) {
        if (!shown(el) || clips(el, card)) continue;
        const r = el.getBoundingClientRect();
        const out = Math.max(box.left - r.left, r.right - box.right);
        if (out > 1) {
          problems.push(`${name(el)} sticks out of ${name(card)} by ${Math.round(out)} px`);
          break;
        }
      }
    }

    const runs = document.querySelector('[data-testid="runs-panel"]');
    if (runs && shown(runs) && runs.scrollWidth > runs.clientWidth + 1)
      problems.push(`the runs table scrolls sideways in its card: ${runs.scrollWidth} px in ${runs.clientWidth}`);

    // the legend's box keeps its one-line height when its items wrap: measure the items
    const chart = document.querySelector('[data-testid="loss-chart"]');
    const items = Array.from(chart?.querySelectorAll('.recharts-legend-item') ?? []).map((i) => i.getBoundingClientRect());
    const plot = chart?.querySelector('.recharts-cartesian-grid')?.getBoundingClientRect();
    const legendBottom = Math.max(...items.map((r) => r.bottom));
    if (plot && items.length && legendBottom > plot.top + 1)
      problems.push(`the loss legend covers the plot by ${Math.round(legendBottom - plot.top)} px`);
    return problems;
  });
}
