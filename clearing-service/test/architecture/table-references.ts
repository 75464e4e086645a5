import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * Which tables each file of `src/` names, in the three forms a statement reaches a table: an SQL
 * string, the table argument of an SQL helper of `database/sql.ts` (`insertRows`, `updateRowsById`
 * and any later helper with a `table` parameter), and a TypeORM repository of an entity class.
 * The table-ownership test compares them with the tables' owners (the module whose migrations
 * create them).
 */

export const SRC = join(__dirname, '..', '..', 'src');

export interface TableReference {
  file: string; // src-relative, posix
  table: string;
  form: 'sql' | 'helper' | 'repository';
  line: number;
}

export function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

export const srcRelative = (path: string): string => relative(SRC, path).split(sep).join('/');

/**
 * Table → owning module (first folder under src/), from the CREATE TABLE of each migration, and
 * the new name of a RENAME TABLE (the module that renames its table still owns it).
 */
export function tableOwners(files = sourceFiles()): Map<string, string> {
  const owners = new Map<string, string>();
  for (const path of files) {
    const file = srcRelative(path);
    if (!file.includes('/migrations/')) continue;
    for (const m of readFileSync(path, 'utf8').matchAll(
      /CREATE TABLE (?:IF NOT EXISTS )?`?([a-z_]+)|RENAME TABLE `?[a-z_]+`? TO `?([a-z_]+)/gi,
    ))
      owners.set(m[1] ?? m[2], file.split('/')[0]);
  }
  return owners;
}

/** The SQL helpers: exported functions of database/sql.ts with a parameter named `table`, and its position. */
export function sqlHelpers(sqlFile = join(SRC, 'database', 'sql.ts')): Map<string, number> {
  const helpers = new Map<string, number>();
  const source = parse(sqlFile, readFileSync(sqlFile, 'utf8'));
  for (const statement of source.statements)
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      const at = statement.parameters.findIndex((p) => p.name.getText(source) === 'table');
      if (at >= 0) helpers.set(statement.name.text, at);
    }
  return helpers;
}

/** Entity class name → table, from `@Entity('table')`. */
export function entityTables(files = sourceFiles()): Map<string, string> {
  const tables = new Map<string, string>();
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/@Entity\('([a-z_]+)'\)[^;]*?export class (\w+)/g))
      tables.set(m[2], m[1]);
  }
  return tables;
}

// A string is SQL when it has a statement keyword (upper case, as every statement here is written).
const SQL =
  /\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|FROM|JOIN|ALTER TABLE|CREATE TABLE|DROP TABLE)\b/;
// A foreign key names another module's table as a declared relation, which the database checks.
const FOREIGN_KEY = /\bREFERENCES\s+`?[a-z_]+`?/g;
// Calls that take an entity class first and reach its table (with MANAGER_METHODS below).
const REPOSITORY_CALLS = new Set(['InjectRepository', 'getRepository', 'withRepository']);

export interface ScanContext {
  tables: string[];
  helpers: Map<string, number>;
  entities: Map<string, string>;
}

export function scanContext(): ScanContext {
  const files = sourceFiles();
  return {
    tables: [...tableOwners(files).keys()],
    helpers: sqlHelpers(),
    entities: entityTables(files),
  };
}

/** Every table `text` (the source of `file`) names, in each form. */
export function tableReferences(
  file: string,
  text: string,
  context: ScanContext,
): TableReference[] {
  const source = parse(file, text);
  const found: TableReference[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const tablePattern = new RegExp(`\\b(${context.tables.join('|')})\\b`, 'g');
  const constants = stringConstants(source);
  const visit = (node: ts.Node): void => {
    const sql = literalText(node);
    if (sql !== null && SQL.test(sql))
      for (const m of sql.replace(FOREIGN_KEY, '').matchAll(tablePattern))
        found.push({ file, table: m[1], form: 'sql', line: lineOf(node) });
    if (ts.isCallExpression(node)) {
      const callee = calleeName(node);
      const at = callee === null ? undefined : context.helpers.get(callee);
      const argument = at === undefined ? undefined : node.arguments[at];
      if (argument) {
        const table = literalText(argument) ?? constants.get(argument.getText(source)) ?? null;
        found.push({
          file,
          table: table ?? `<not a literal: ${argument.getText(source)}>`,
          form: 'helper',
          line: lineOf(node),
        });
      }
      const entity = node.arguments[0];
      if (callee && entity && ts.isIdentifier(entity) && context.entities.has(entity.text)) {
        if (REPOSITORY_CALLS.has(callee) || MANAGER_METHODS.test(callee))
          found.push({
            file,
            table: context.entities.get(entity.text)!,
            form: 'repository',
            line: lineOf(node),
          });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
}

/** The text of a string or template literal; a template's substitutions become `?`. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ? ');
  return null;
}

/** `const NAME = 'text'` at any level, so a helper's table given by a constant is still read. */
function stringConstants(source: ts.SourceFile): Map<string, string> {
  const constants = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const text = literalText(node.initializer);
      if (text !== null) constants.set(node.name.text, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return constants;
}

function calleeName(call: ts.CallExpression): string | null {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return null;
}

// `manager.find(Entity, …)`, `db.save(Entity, …)`: an EntityManager method given an entity class.
const MANAGER_METHODS =
  /^(find|findOne|findBy|findOneBy|findAndCount|findOneOrFail|save|insert|update|upsert|delete|remove|count|countBy|exists|existsBy|increment|decrement|createQueryBuilder)$/;
