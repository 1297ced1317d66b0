package editor

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"github.com/coursewright/coursewright/course"
)

// diagnosticWords is what the app says about d, in the interface
// language: the problems it meets most, by their stable Code, from the
// translations; any other in the library's English words.
func diagnosticWords(d course.Diagnostic) (message, hint string) {
	args := map[string]any{}
	for k, v := range d.Args {
		args[k] = v
	}
	switch d.Code {
	case course.CodeLinkBroken:
		return lang.X("diagnostic.link-broken", "the link {{.Target}} leads nowhere", args),
			lang.X("diagnostic.link-broken.hint", "fix the link, or add the page or file it points to")
	case course.CodeImageMissing:
		return lang.X("diagnostic.image-missing", "the image {{.Target}} is missing", args),
			lang.X("diagnostic.image-missing.hint", "add the image to the img folder, or correct its name in the link")
	case course.CodeImageNoAlt:
		return lang.X("diagnostic.image-no-alt", "this image has no description (alt text) for readers who cannot see it"),
			lang.X("diagnostic.image-no-alt.hint", "describe the image in a few words")
	case course.CodePageUntitled:
		return lang.X("diagnostic.page-untitled", "this page has no title"),
			lang.X("diagnostic.page-untitled.hint", "give the page a title")
	case course.CodePageUnpublished:
		return lang.X("diagnostic.page-unpublished", "this page is not published: it will not appear on the site"),
			lang.X("diagnostic.page-unpublished.hint", "remove the published line when the page is ready")
	case course.CodeTranslationOutdated:
		return lang.X("diagnostic.translation-outdated", "outdated translation: the source page {{.Source}} changed after this page was translated", args),
			lang.X("diagnostic.translation-outdated.hint", "see what changed in the source, update the translation, then mark it as done")
	case course.CodeTranslationUnchanged:
		return lang.X("diagnostic.translation-unchanged", "untranslated: this page still reads as the source page {{.Source}}", args),
			lang.X("diagnostic.translation-unchanged.hint", "translate its text and its title")
	case course.CodeTranslationMissing:
		return lang.X("diagnostic.translation-missing", "untranslated: the source course has a page {{.Source}} that this version has no translation of", args),
			lang.X("diagnostic.translation-missing.hint", "take it from the source course and translate it")
	case course.CodeRenderImageMissing:
		return lang.X("diagnostic.render-image-missing", "the image {{.Target}} does not exist; its description is shown instead", args),
			lang.X("diagnostic.render-image-missing.hint", "add the image to the img folder or fix the path")
	case course.CodeRenderLinkBroken:
		return lang.X("diagnostic.render-link-broken", "the link {{.Target}} leads nowhere: it is published as plain text", args),
			lang.X("diagnostic.render-link-broken.hint", "fix the link or remove it")
	case course.CodeLiquidUnknownTag:
		return lang.X("diagnostic.liquid-unknown-tag", "the Liquid tag {{.Tag}} is unknown and was left out", args),
			lang.X("diagnostic.liquid-unknown-tag.hint", "use include, post_url, link, comment, raw, highlight, if, for, assign or capture")
	case course.CodeLiquidIncludeMissing:
		return lang.X("diagnostic.liquid-include-missing", "the include file _includes/{{.File}} does not exist; a placeholder is shown", args),
			lang.X("diagnostic.liquid-include-missing.hint", "add the file to the _includes folder, or remove the include line")
	case course.CodeLiquidPostURLMissing:
		return lang.X("diagnostic.liquid-post-url-missing", "post_url {{.Name}} names no page of the course", args),
			lang.X("diagnostic.liquid-post-url-missing.hint", "use the page's file name without .md, e.g. 2000-01-02-my-page")
	}
	return d.Message, d.Hint
}

// problemLine is a diagnostic as the page's problem list shows it: line,
// what is wrong and what to do.
func problemLine(d course.Diagnostic) string {
	msg, hint := diagnosticWords(d)
	if hint == "" {
		return lang.L("line {{.Line}}: {{.Problem}}", map[string]any{"Line": d.Line, "Problem": msg})
	}
	return lang.L("line {{.Line}}: {{.Problem}} — {{.Hint}}", map[string]any{"Line": d.Line, "Problem": msg, "Hint": hint})
}

// DiagnosticLine is a diagnostic as a list of the whole course's problems
// shows it (an export's, say): file, line, what is wrong and what to do,
// in the interface language.
func DiagnosticLine(d course.Diagnostic) string {
	where := d.File
	if d.Line > 0 {
		where = fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	msg, hint := diagnosticWords(d)
	if hint == "" {
		return where + ": " + msg
	}
	return where + ": " + msg + " — " + hint
}
