#!/usr/bin/env node
// Fails when a locale lacks a message that the base locale has, has an empty one, has one the base
// locale does not (a stale key), drops or invents a placeholder, or when two message files define
// the same key, so a build never ships with silently missing or shadowed text.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const settings = JSON.parse(readFileSync(join(root, 'project.inlang/settings.json'), 'utf8'));
const configured = settings['plugin.inlang.messageFormat'].pathPattern;
const patterns = Array.isArray(configured) ? configured : [configured];
const problems = [];

/** @param {string} pattern @param {string} locale */
function load(pattern, locale) {
	const file = pattern.replace('{locale}', locale);
	if (!existsSync(join(root, file))) {
		problems.push(`${file}: missing file`);
		return {};
	}
	try {
		return JSON.parse(readFileSync(join(root, file), 'utf8'));
	} catch (err) {
		problems.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
		return {};
	}
}

/** @param {unknown} value */
const isEmpty = (value) =>
	value == null ||
	(typeof value === 'string' && value.trim() === '') ||
	(Array.isArray(value) && value.length === 0);
/** @param {Record<string, unknown>} messages */
const messageKeys = (messages) => Object.keys(messages).filter((key) => key !== '$schema');
/** @param {string} text */
const placeholders = (text) =>
	[...text.matchAll(/\{(\w+)\}/g)]
		.map((match) => match[1])
		.sort()
		.join(',');

let total = 0;
/** @type {Map<string, string>} key → the file that defines it */
const owners = new Map();
for (const pattern of patterns) {
	const baseFile = pattern.replace('{locale}', settings.baseLocale);
	const base = load(pattern, settings.baseLocale);
	const baseKeys = messageKeys(base);
	total += baseKeys.length;
	for (const key of baseKeys) {
		const owner = owners.get(key);
		if (owner) problems.push(`${baseFile}: "${key}" is also defined in ${owner}`);
		else owners.set(key, baseFile);
	}
	for (const locale of settings.locales) {
		const file = pattern.replace('{locale}', locale);
		const messages = load(pattern, locale);
		for (const key of baseKeys) {
			if (!(key in messages)) problems.push(`${file}: missing "${key}"`);
			else if (isEmpty(messages[key])) problems.push(`${file}: empty "${key}"`);
			else if (typeof base[key] === 'string' && typeof messages[key] === 'string') {
				const expected = placeholders(base[key]);
				const actual = placeholders(messages[key]);
				if (expected !== actual)
					problems.push(`${file}: "${key}" has placeholders {${actual}}, expected {${expected}}`);
			}
		}
		for (const key of messageKeys(messages)) {
			if (!(key in base)) problems.push(`${file}: "${key}" is not in ${baseFile}`);
		}
	}
}

if (total === 0) problems.push('no messages at all');
if (problems.length > 0) {
	for (const problem of problems) console.error(problem);
	console.error(`check-messages: ${problems.length} problem(s)`);
	process.exit(1);
}
console.log(
	`check-messages: ${total} messages in ${patterns.length} file(s), complete in ${settings.locales.join(', ')}`
);
