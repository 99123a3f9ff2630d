// What went wrong touching a file, in the catalogue's words. Apart from access.ts so that the readers
// (the extension's activation bundle among them) do not carry the catalogue.
import { msg, type Message } from '../i18n';
import { sizeText, type AccessProblem } from './access';

/** What went wrong reading `path`, in the catalogue's words; `expected` names the file that was wanted. */
export function accessProblemText(problem: AccessProblem, path: string, expected?: string): Message {
  switch (problem.kind) {
    case 'missing':
      return msg('access.missing', { path });
    case 'notFile':
      return problem.type === 'directory' && expected
        ? msg('access.folderNotFile', { path, expected })
        : msg('access.notFile', { path, type: msg(`access.type.${problem.type}`) });
    case 'tooLarge':
      return msg('access.tooLarge', { path, size: sizeText(problem.size), limit: sizeText(problem.limit) });
    case 'unreadable':
      return msg('access.unreadable', { path, code: problem.code });
  }
}
