// ESLint rule `hall-pass/core-boundary`: a file in utils/core/ may import only other files in
// utils/core/ and plain packages. It reports any import (static, re-export, import(), require)
// whose path leaves the folder (`../ports`, `@/utils/ports`, an absolute path), and any of the
// packages the core must never use: the browser, Dexie, Preact, Node's built-ins.
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Packages (and their subpaths) that would tie the core to a browser, a database, a UI or Node. */
export const FORBIDDEN_PACKAGES = [
  'wxt',
  '#imports',
  'webextension-polyfill',
  'dexie',
  'preact',
  '@preact',
  'react',
  ...builtinModules.filter((m) => !m.startsWith('_')),
];

/** WXT's path aliases all point outside utils/core. */
const ALIASES = ['@/', '~/', '@@/', '~~/'];

function forbiddenPackage(spec) {
  if (spec.startsWith('node:')) return spec;
  return FORBIDDEN_PACKAGES.find((p) => spec === p || spec.startsWith(`${p}/`)) ?? null;
}

/** The utils/core folder that holds `file`, or null when the file is not in the core. */
function coreRoot(file) {
  const parts = path.resolve(file).split(path.sep);
  for (let i = parts.length - 2; i >= 1; i--) {
    if (parts[i - 1] === 'utils' && parts[i] === 'core') return parts.slice(0, i + 1).join(path.sep);
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const coreBoundary = {
  meta: {
    type: 'problem',
    docs: { description: 'utils/core imports nothing from the browser, Dexie, Preact, Node or outside utils/core' },
    schema: [],
    messages: {
      package: "utils/core must stay pure: it cannot import '{{spec}}' ({{pkg}}). Pass what it needs in from the glue.",
      outside: "utils/core must stay pure: '{{spec}}' is outside utils/core. Move the code into the core or pass it in.",
    },
  },
  create(context) {
    const file = context.filename;
    const root = coreRoot(file);
    if (!root) return {};
    function check(node, source) {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const spec = source.value;
      const pkg = forbiddenPackage(spec);
      if (pkg) {
        context.report({ node, messageId: 'package', data: { spec, pkg } });
        return;
      }
      if (ALIASES.some((a) => spec.startsWith(a)) || path.isAbsolute(spec) || spec.startsWith('file:')) {
        context.report({ node, messageId: 'outside', data: { spec } });
        return;
      }
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (target !== root && !target.startsWith(root + path.sep)) {
          context.report({ node, messageId: 'outside', data: { spec } });
        }
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.argument),
      TSExternalModuleReference: (node) => check(node, node.expression),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { 'core-boundary': coreBoundary } };
