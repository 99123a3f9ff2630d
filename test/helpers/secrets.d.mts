export const FEED_PASSWORD: string;
export function findSecrets(text: string, exact: Map<string, string>): string[];
export function addToken(exact: Map<string, string>, token: string | undefined, name: string): void;
export function addFeedPassword(exact: Map<string, string>): void;
export function filesUnder(dir: string): string[];
