import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readToolSignature } from '../../../../src/core/migration/signature';

describe('tool signature of a python node', () => {
  it('finds the @tool function and the parameters that take a connection', () => {
    const src = [
      'from promptflow.core import tool',
      'from promptflow.connections import AzureOpenAIConnection',
      '',
      'def helper(x):',
      '    return x',
      '',
      '@tool(name="t")',
      'async def run(question: str, conn: AzureOpenAIConnection, custom: connections.CustomConnection = None,',
      '              opts: dict[str, int] = {"a": (1, 2)}) -> str:',
      '    return question',
    ].join('\n');
    assert.deepEqual(readToolSignature(src), {
      fn: 'run',
      connections: { conn: 'AzureOpenAIConnection', custom: 'CustomConnection' },
      inClass: false,
      isAsync: true,
    });
    assert.equal(readToolSignature(src, 'helper').fn, 'helper', 'a function named on the node need not be decorated');
  });

  it('tells a class tool and a file without a tool', () => {
    const cls = ['class MyTool(ToolProvider):', '    @tool', '    def call(self, x: str):', '        return x'].join('\n');
    assert.equal(readToolSignature(cls).inClass, true);
    assert.equal(readToolSignature('def plain(x):\n    return x\n').fn, undefined);
  });
});
