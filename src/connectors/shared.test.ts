import { describe, expect, it } from 'vitest';
import { pullNumbersIn } from './github.js';
import { jqlDate, sprintNames } from './jira.js';
import { defined, linkedItems, proposeJiraStatus, proposeTrackerStatus, proposeType } from './shared.js';

describe('what connectors read from text', () => {
  it('links a change to the issues it names', () => {
    expect(
      linkedItems('acme/web', '#', {
        title: 'PAY-12: refunds',
        body: 'Fixes #3 and closes acme/api#9, see OPS-4',
        branch: '15-refund-form',
      }),
    ).toEqual(['OPS-4', 'PAY-12', 'acme/api#9', 'acme/web#15', 'acme/web#3']);
    expect(
      linkedItems('acme/web', '#', { title: 'typo', body: 'mentions #3 without a keyword', branch: 'main' }),
    ).toEqual([]);
  });

  it('reads pull request numbers from merge and squash commits', () => {
    expect(pullNumbersIn('Merge pull request #42 from acme/feature\n\nRefunds')).toEqual([42]);
    expect(pullNumbersIn('Add refunds (#43)\n\n* wip')).toEqual([43]);
    expect(pullNumbersIn('Fix #44 in the body only')).toEqual([]);
  });

  it('reads sprint names from Cloud objects and Data Center strings', () => {
    expect(sprintNames([{ id: 7, name: 'EE Sprint 7' }])).toEqual(['EE Sprint 7']);
    expect(
      sprintNames([
        'com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=3,rapidViewId=8,state=CLOSED,name=Sprint 3,startDate=…]',
      ]),
    ).toEqual(['Sprint 3']);
    expect(sprintNames(null)).toEqual([]);
  });

  it("writes JQL dates in the Jira user's time zone, to the minute", () => {
    const at = Date.parse('2025-03-30T00:59:59Z');
    expect(jqlDate(at, 'UTC')).toBe('2025/03/30 00:59');
    expect(jqlDate(at, 'Europe/Paris')).toBe('2025/03/30 01:59');
    expect(jqlDate(at, 'Asia/Kolkata')).toBe('2025/03/30 06:29');
  });

  it('makes text storable: no NUL characters, titles and text within their limits, no empty optionals', () => {
    const record = defined({
      kind: 'workItem',
      title: `a\u0000b${'x'.repeat(70_000)}`,
      team: undefined,
      labels: ['l\u0000'],
      url: null,
    });
    expect(record).not.toHaveProperty('team');
    expect(record).not.toHaveProperty('url');
    expect(String(record.title).startsWith('abx')).toBe(true);
    expect(String(record.title)).toHaveLength(65_536);
    expect(record.labels).toEqual(['l']);
  });
});

describe('mapping proposals', () => {
  it('reads Jira status categories and names', () => {
    expect(proposeJiraStatus('Backlog', 'new')).toEqual({ stage: 'ideate', state: 'new' });
    expect(proposeJiraStatus('Selected for Development', 'new')).toEqual({
      stage: 'create',
      state: 'waiting',
    });
    expect(proposeJiraStatus('In Progress', 'indeterminate')).toEqual({ stage: 'create', state: 'active' });
    expect(proposeJiraStatus('Blocked', 'indeterminate')).toEqual({ stage: 'create', state: 'waiting' });
    expect(proposeJiraStatus('Ready for Release', 'indeterminate')).toEqual({
      stage: 'release',
      state: 'waiting',
    });
    expect(proposeJiraStatus('Done', 'done')).toEqual({ stage: 'operate', state: 'done' });
    expect(proposeJiraStatus("Won't Do", 'done')).toEqual({ stage: 'ideate', state: 'cancelled' });
  });

  it('reads tracker states, status labels and type names', () => {
    expect(proposeTrackerStatus('open')).toEqual({ stage: 'ideate', state: 'new' });
    expect(proposeTrackerStatus('closed')).toEqual({ stage: 'operate', state: 'done' });
    expect(proposeTrackerStatus('closed (not planned)')).toEqual({ stage: 'ideate', state: 'cancelled' });
    expect(proposeTrackerStatus('in review')).toEqual({ stage: 'create', state: 'active' });
    expect(proposeType('Bug')).toBe('defect');
    expect(proposeType('Security vulnerability')).toBe('risk');
    expect(proposeType('Tech debt')).toBe('debt');
    expect(proposeType('Story')).toBe('feature');
  });
});
