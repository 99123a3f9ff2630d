// The actions of a report shown rendered (reportView.ts), from its preview's title bar or the palette.
import type { CommandFactory } from './factory';

export const copyReport: CommandFactory = (ctx) => () => ctx.reports.copyMarkdown();

export const openReportAsText: CommandFactory = (ctx) => () => ctx.reports.openAsText();
