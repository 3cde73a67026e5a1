#!/usr/bin/env node
// Fails when a locale lacks a message that the base locale has, has an empty one, or has one
// the base locale does not (a stale key), so a build never ships with silently missing text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const settings = JSON.parse(readFileSync(join(root, 'project.inlang/settings.json'), 'utf8'));
const pattern = settings['plugin.inlang.messageFormat'].pathPattern;
const load = (locale) =>
	JSON.parse(readFileSync(join(root, pattern.replace('{locale}', locale)), 'utf8'));

const isEmpty = (value) =>
	value == null ||
	(typeof value === 'string' && value.trim() === '') ||
	(Array.isArray(value) && value.length === 0);
const messageKeys = (messages) => Object.keys(messages).filter((key) => key !== '$schema');

const base = load(settings.baseLocale);
const baseKeys = messageKeys(base);
const problems = [];

if (baseKeys.length === 0) problems.push(`${settings.baseLocale}: has no messages`);
for (const locale of settings.locales) {
	const messages = load(locale);
	for (const key of baseKeys) {
		if (!(key in messages)) problems.push(`${locale}: missing "${key}"`);
		else if (isEmpty(messages[key])) problems.push(`${locale}: empty "${key}"`);
	}
	for (const key of messageKeys(messages)) {
		if (!(key in base)) problems.push(`${locale}: "${key}" is not in ${settings.baseLocale}`);
	}
	// A placeholder the translation drops or invents renders wrong text: compare the sets.
	for (const key of baseKeys) {
		if (typeof base[key] !== 'string' || typeof messages[key] !== 'string') continue;
		const vars = (text) =>
			[...text.matchAll(/\{(\w+)\}/g)]
				.map((match) => match[1])
				.sort()
				.join(',');
		if (vars(base[key]) !== vars(messages[key]))
			problems.push(
				`${locale}: "${key}" has placeholders {${vars(messages[key])}}, expected {${vars(base[key])}}`
			);
	}
}

if (problems.length > 0) {
	for (const problem of problems) console.error(problem);
	console.error(`check-messages: ${problems.length} problem(s)`);
	process.exit(1);
}
console.log(
	`check-messages: ${baseKeys.length} messages complete in ${settings.locales.join(', ')}`
);
