// The retirement dates and what the product says about them: days left counted in UTC calendar days,
// texts in both languages with the number as a parameter, and read-only past the date.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { render } from '../../../src/core/i18n';
import {
  FEATURE_DEVELOPMENT_ENDED,
  MIGRATION_GUIDE_URL,
  READ_ONLY_FROM,
  daysLeft,
  isRetired,
  retirementFacts,
  retirementSentence,
  retirementShort,
} from '../../../src/core/retirement';

describe('retirement dates', () => {
  it('counts days left in UTC calendar days: 1 the day before, 0 on the day and after', () => {
    assert.equal(READ_ONLY_FROM, '2027-04-20');
    assert.equal(FEATURE_DEVELOPMENT_ENDED, '2026-04-20');
    assert.equal(daysLeft(Date.parse('2027-04-19T00:00:00Z')), 1);
    assert.equal(daysLeft(Date.parse('2027-04-19T23:59:59.999Z')), 1, 'the time of day does not count');
    assert.equal(daysLeft(Date.parse('2027-04-20T00:00:00Z')), 0);
    assert.equal(daysLeft(Date.parse('2027-04-20T23:00:00Z')), 0);
    assert.equal(daysLeft(Date.parse('2028-01-01T00:00:00Z')), 0, 'never negative');
    assert.equal(daysLeft(Date.parse('2027-04-18T12:00:00Z')), 2);
    assert.equal(daysLeft(Date.parse('2026-12-06T22:00:00Z')), 135);
    // A local time zone does not move the count: 2027-04-19 23:30 in Tokyo is 14:30 UTC on the 19th.
    assert.equal(daysLeft(new Date('2027-04-19T23:30:00+09:00')), 1);
    assert.equal(daysLeft(new Date('2027-04-19T20:00:00-05:00')), 0, 'already the 20th in UTC');
  });

  it('is read-only from 00:00 UTC on the date', () => {
    assert.equal(isRetired(Date.parse('2027-04-19T23:59:59.999Z')), false);
    assert.equal(isRetired(Date.parse('2027-04-20T00:00:00Z')), true);
    assert.equal(isRetired(new Date('2030-01-01T00:00:00Z')), true);
    for (const t of ['2026-01-01T00:00:00Z', '2027-04-19T12:00:00Z', '2027-04-20T00:00:00Z', '2027-05-01T00:00:00Z']) {
      assert.equal(isRetired(Date.parse(t)), daysLeft(Date.parse(t)) === 0, `days left 0 ⇔ read-only at ${t}`);
    }
  });

  it('gives the facts as data, with the guide on Microsoft Learn', () => {
    assert.deepEqual(retirementFacts(Date.parse('2027-04-10T08:00:00Z')), {
      featureDevelopmentEnded: '2026-04-20',
      readOnlyFrom: '2027-04-20',
      daysLeft: 10,
      readOnly: false,
      migrationGuide: MIGRATION_GUIDE_URL,
    });
    assert.equal(retirementFacts(Date.parse('2027-04-20T00:00:00Z')).readOnly, true);
    assert.match(
      MIGRATION_GUIDE_URL,
      /^https:\/\/learn\.microsoft\.com\/azure\/machine-learning\/prompt-flow\/migrate-prompt-flow-to-agent-framework$/,
    );
  });
});

describe('retirement texts', () => {
  it('state the days left in English and Japanese, then read-only past the date', () => {
    const before = Date.parse('2027-01-01T10:00:00Z');
    assert.equal(
      render('en', retirementSentence(before)),
      'Prompt flow becomes read-only in 109 days, on 2027-04-20: move your flows to Microsoft Agent Framework.',
    );
    assert.match(render('ja', retirementSentence(before)), /^プロンプト フローは 109 日後の 2027-04-20 に読み取り専用になります。/);
    assert.equal(render('en', retirementShort(before)), 'read-only in 109 days');
    assert.equal(render('ja', retirementShort(before)), '109 日後に読み取り専用');

    const dayBefore = Date.parse('2027-04-19T18:00:00Z');
    assert.match(render('en', retirementSentence(dayBefore)), /read-only tomorrow, 2027-04-20/);
    assert.match(render('ja', retirementSentence(dayBefore)), /明日 \(2027-04-20\)/);
    assert.equal(render('en', retirementShort(dayBefore)), 'read-only tomorrow');

    for (const after of [Date.parse('2027-04-20T00:00:00Z'), Date.parse('2027-09-01T00:00:00Z')]) {
      assert.match(render('en', retirementSentence(after)), /retired and read-only since 2027-04-20/);
      assert.match(render('ja', retirementSentence(after)), /2027-04-20 から読み取り専用です/);
      assert.equal(render('en', retirementShort(after)), 'read-only since 2027-04-20');
      assert.doesNotMatch(render('en', retirementSentence(after)), /\bin \d+ days\b/);
    }
  });
});

describe('pages about the retirement', () => {
  // The README and the walkthrough page are prose: what they say about the dates and the guide must be the module's.
  for (const file of ['README.md', 'media/walkthrough/planMigration.md', 'media/walkthrough/planMigration.nls.ja.md']) {
    it(`${file} names the dates and the guide of core/retirement.ts`, () => {
      const page = readFileSync(join(__dirname, '../../..', file), 'utf8');
      const section = file === 'README.md' ? (/^## Prompt flow retires[\s\S]*?(?=^## )/m.exec(page)?.[0] ?? '') : page;
      assert.ok(section.includes(READ_ONLY_FROM) && section.includes(MIGRATION_GUIDE_URL), `${file} states the date and links the guide`);
      for (const date of section.match(/\d{4}-\d{2}-\d{2}/g) ?? [])
        assert.ok([READ_ONLY_FROM, FEATURE_DEVELOPMENT_ENDED, '2027-04-19'].includes(date), `${file} names ${date}`);
      for (const url of section.match(/https:\/\/[^\s)]+/g) ?? []) assert.equal(url, MIGRATION_GUIDE_URL);
    });
  }
});

describe('manifest texts about the retirement', () => {
  // package.nls*.json cannot import the module: these checks keep their dates and links the module's.
  for (const file of ['package.nls.json', 'package.nls.ja.json']) {
    it(`${file} names the dates and the guide of core/retirement.ts`, () => {
      const nls = JSON.parse(readFileSync(join(__dirname, '../../..', file), 'utf8')) as Record<string, string>;
      const retirementKeys = Object.keys(nls).filter((k) => /retire/i.test(k));
      assert.ok(retirementKeys.length >= 4, `${file} has the welcome and walkthrough texts (${retirementKeys.join(', ')})`);
      for (const k of retirementKeys) {
        for (const date of nls[k].match(/\d{4}-\d{2}-\d{2}/g) ?? [])
          assert.ok([READ_ONLY_FROM, FEATURE_DEVELOPMENT_ENDED].includes(date), `${k} names ${date}`);
        for (const url of nls[k].match(/https:\/\/[^\s)]+/g) ?? []) assert.equal(url, MIGRATION_GUIDE_URL, `${k} links ${url}`);
      }
      assert.ok(retirementKeys.some((k) => nls[k].includes(READ_ONLY_FROM)));
      assert.ok(retirementKeys.some((k) => nls[k].includes(MIGRATION_GUIDE_URL)));
    });
  }
});
