/** The connector of a configured source, by its kind. */
import type { SourceConfig } from './config.js';
import { createGitConnector } from './git.js';
import { createGithubConnector } from './github.js';
import { createGitlabConnector } from './gitlab.js';
import { createJiraConnector } from './jira.js';
import type { Connector, ConnectorContext } from './types.js';

export function createConnector(source: SourceConfig, context: ConnectorContext): Connector {
  switch (source.kind) {
    case 'jira':
      return createJiraConnector(source, context);
    case 'github':
      return createGithubConnector(source, context);
    case 'gitlab':
      return createGitlabConnector(source, context);
    case 'git':
      return createGitConnector(source, context);
  }
}
