/**
 * The templates the product ships (mail wrapper, default reminder texts), precompiled into
 * `compiled.generated.ts` by `npx tsx src/lib/server/notify/templates/generate.ts`. A test
 * fails when the generated module is older than these sources.
 */
export const SHIPPED_TEMPLATES = {
	'mail.subject': '[Loopwork] {{title}}',
	'mail.text': `{{greeting}} {{recipientName}},

{{title}}

{{#if link}}{{linkLabel}}: {{link}}
{{/if}}
— Loopwork
`,
	'mail.html': `<!doctype html>
<html lang="{{locale}}"><body style="font-family: system-ui, sans-serif; color: #1f2937; line-height: 1.5">
<p>{{greeting}} {{recipientName}},</p>
<p style="font-size: 16px; font-weight: 600">{{title}}</p>
{{#if link}}<p><a href="{{link}}" style="color: #2563eb">{{linkLabel}}</a></p>{{/if}}
<p style="color: #6b7280; font-size: 12px">Loopwork</p>
</body></html>
`,
	'taskDueSoon.en': '"{{task.title}}" is due {{task.due}}',
	'taskDueSoon.zh-CN': '“{{task.title}}”将于{{task.due}}到期',
	'taskOverdue.en': '{{subject.name}}\'s task "{{task.title}}" is overdue',
	'taskOverdue.zh-CN': '{{subject.name}}的任务“{{task.title}}”已逾期',
	'feedbackPosted.en': '{{author.name}} wrote feedback for you: "{{excerpt}}"',
	'feedbackPosted.zh-CN': '{{author.name}}给您写了反馈：“{{excerpt}}”',
	'feedbackReplied.en': '{{author.name}} replied: "{{excerpt}}"',
	'feedbackReplied.zh-CN': '{{author.name}}回复了：“{{excerpt}}”',
	'unknown.en': "Update on {{subject.name}}'s cycle",
	'unknown.zh-CN': '{{subject.name}}的周期有更新'
} as const;

export type ShippedTemplate = keyof typeof SHIPPED_TEMPLATES;
