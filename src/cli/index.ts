/**
 * The `loopwork` command line. Each command lives in `./commands/<name>.ts` and is loaded only
 * when it runs, so `loopwork validate` does not open a database.
 */

type CommandModule = { run: (args: string[]) => Promise<number> };

type Command = {
	summary: string;
	usage: string;
	load: () => Promise<CommandModule>;
};

const commands: Record<string, Command> = {
	validate: {
		summary: 'Parse and lint workflow definition files',
		usage: 'loopwork validate <file.workflow.json…>',
		load: async () => ({ run: (await import('./commands/validate.ts')).runValidate })
	},
	migrate: {
		summary: 'Apply pending database migrations',
		usage: 'loopwork migrate',
		load: async () => ({ run: (await import('./commands/migrate.ts')).runMigrate })
	},
	worker: {
		summary: 'Run timer and outbox workers (several may share one PostgreSQL)',
		usage: 'loopwork worker [--once] [--interval-ms N] [--now T]',
		load: async () => ({ run: (await import('./commands/worker.ts')).runWorker })
	},
	seed: {
		summary: 'Load the demo company, or generate an organisation of N people for scale tests',
		usage: 'loopwork seed [--employees N] [--seed S]',
		load: async () => ({ run: (await import('./commands/seed.ts')).runSeed })
	},
	import: {
		summary: 'Import metric values from a CSV or Excel file (all-or-nothing unless --partial)',
		usage: 'loopwork import metrics <file.csv|file.xlsx> [--partial]',
		load: async () => ({ run: (await import('./commands/import-metrics.ts')).runImportMetrics })
	},
	'rotate-key': {
		summary: 'Re-encrypt confidential fields under a new key, without downtime',
		usage: 'loopwork rotate-key [--resume]',
		load: async () => ({ run: (await import('./commands/rotate-key.ts')).runRotateKey })
	},
	serve: {
		summary: 'Start the built web app (run `npm run build` first)',
		usage: 'loopwork serve [--port N]',
		load: async () => ({ run: (await import('./commands/serve.ts')).runServe })
	}
};

function help(): string {
	const width = Math.max(...Object.keys(commands).map((name) => name.length));
	const lines = Object.entries(commands).map(
		([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`
	);
	return ['Usage: loopwork <command> [options]', '', 'Commands:', ...lines].join('\n');
}

/** Runs one CLI command and returns its exit code. */
export async function main(argv: string[]): Promise<number> {
	const [name, ...args] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(help());
		return name ? 0 : 1;
	}
	const command = commands[name];
	if (!command) {
		console.error(`loopwork: unknown command "${name}"\n\n${help()}`);
		return 2;
	}
	if (args.includes('--help') || args.includes('-h')) {
		console.log(`Usage: ${command.usage}`);
		return 0;
	}
	const module = await command.load();
	return module.run(args);
}
