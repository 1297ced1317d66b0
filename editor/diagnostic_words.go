package editor

import (
	"fmt"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish"
)

// diagnosticWords is what the app says about d, in the interface
// language w, by its stable Code, from the translations (every code has
// its words: TestEveryDiagnosticCodeHasWords); a code added later
// without words falls back to the library's English.
func diagnosticWords(w Wording, d course.Diagnostic) (message, hint string) {
	args := map[string]any{}
	for k, v := range d.Args {
		args[k] = v
	}
	switch d.Code {
	case course.CodeLinkBroken:
		return w.X("diagnostic.link-broken", "the link {{.Target}} leads nowhere", args),
			w.X("diagnostic.link-broken.hint", "fix the link, or add the page or file it points to")
	case course.CodeImageMissing:
		return w.X("diagnostic.image-missing", "the image {{.Target}} is missing", args),
			w.X("diagnostic.image-missing.hint", "add the image to the img folder, or correct its name in the link")
	case course.CodeImageNoAlt:
		return w.X("diagnostic.image-no-alt", "this image has no description (alt text) for readers who cannot see it"),
			w.X("diagnostic.image-no-alt.hint", "describe the image in a few words")
	case course.CodePageUntitled:
		return w.X("diagnostic.page-untitled", "this page has no title"),
			w.X("diagnostic.page-untitled.hint", "give the page a title")
	case course.CodePageUnpublished:
		return w.X("diagnostic.page-unpublished", "this page is not published: it will not appear on the site"),
			w.X("diagnostic.page-unpublished.hint", "remove the published line when the page is ready")
	case course.CodeTranslationOutdated:
		return w.X("diagnostic.translation-outdated", "outdated translation: the source page {{.Source}} changed after this page was translated", args),
			w.X("diagnostic.translation-outdated.hint", "see what changed in the source, update the translation, then mark it as done")
	case course.CodeTranslationUnchanged:
		return w.X("diagnostic.translation-unchanged", "untranslated: this page still reads as the source page {{.Source}}", args),
			w.X("diagnostic.translation-unchanged.hint", "translate its text and its title")
	case course.CodeTranslationMissing:
		return w.X("diagnostic.translation-missing", "untranslated: the source course has a page {{.Source}} that this version has no translation of", args),
			w.X("diagnostic.translation-missing.hint", "take it from the source course and translate it")
	case course.CodeRenderImageMissing:
		return w.X("diagnostic.render-image-missing", "the image {{.Target}} does not exist; its description is shown instead", args),
			w.X("diagnostic.render-image-missing.hint", "add the image to the img folder or fix the path")
	case course.CodeRenderLinkBroken:
		return w.X("diagnostic.render-link-broken", "the link {{.Target}} leads nowhere: it is published as plain text", args),
			w.X("diagnostic.render-link-broken.hint", "fix the link or remove it")
	case course.CodeLiquidUnknownTag:
		return w.X("diagnostic.liquid-unknown-tag", "the Liquid tag {{.Tag}} is unknown and was left out", args),
			w.X("diagnostic.liquid-unknown-tag.hint", "use include, post_url, link, comment, raw, highlight, if, for, assign or capture")
	case course.CodeLiquidIncludeMissing:
		return w.X("diagnostic.liquid-include-missing", "the include file _includes/{{.File}} does not exist; a placeholder is shown", args),
			w.X("diagnostic.liquid-include-missing.hint", "add the file to the _includes folder, or remove the include line")
	case course.CodeLiquidPostURLMissing:
		return w.X("diagnostic.liquid-post-url-missing", "post_url {{.Name}} names no page of the course", args),
			w.X("diagnostic.liquid-post-url-missing.hint", "use the page's file name without .md, e.g. 2000-01-02-my-page")
	case course.CodeNoCourseData:
		return w.X("diagnostic.no-course-data", "the course has no _data/course.yml file, so the site shows no course title and no list of modules"),
			w.X("diagnostic.no-course-data.hint", "create it with the course title and the list of modules")
	case course.CodeLicenseNotOne:
		return w.X("diagnostic.license-not-one", "the license must be one license name, such as CC-BY-SA-4.0"),
			w.X("diagnostic.license-not-one.hint", "choose one license for the course")
	case course.CodeLicenseUnknown:
		return w.X("diagnostic.license-unknown", "“{{.Value}}” is not a license Coursewright knows", args),
			w.X("diagnostic.license-unknown.hint", "use a license id such as CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0, or choose one in the course settings")
	case course.CodeLanguageUnknown:
		return w.X("diagnostic.language-unknown", "“{{.Value}}” is not a language code", args),
			w.X("diagnostic.language-unknown.hint", "use a code such as en, es, fr or pt-BR")
	case course.CodeBannerImage:
		return w.X("diagnostic.banner-image", "the banner image {{.Image}} ({{.Setting}}) is not in the course", args),
			w.X("diagnostic.banner-image.hint", "add the image to the img folder, or choose another banner image")
	case course.CodeModulesNotList:
		return w.X("diagnostic.modules-not-list", "the modules must be written as a list"),
			w.X("diagnostic.modules-not-list.hint", "write them as modules: [\"first-module\", \"second-module\"], or one \"- name\" per line")
	case course.CodeModuleEntryEmpty:
		return w.X("diagnostic.module-entry-empty", "this entry of the module list names no module folder"),
			w.X("diagnostic.module-entry-empty.hint", "give it a slug (the folder name under modules/) or remove it")
	case course.CodeModuleEntryInvalid:
		return w.X("diagnostic.module-entry-invalid", "the module entry {{.Module}} is not the name of a folder", args),
			w.X("diagnostic.module-entry-invalid.hint", "a module entry is the name of one folder inside modules/, such as setup")
	case course.CodeModuleListedTwice:
		return w.X("diagnostic.module-listed-twice", "the module {{.Module}} is listed twice (first on line {{.FirstLine}})", args),
			w.X("diagnostic.module-listed-twice.hint", "remove one of the two entries")
	case course.CodeModuleFolderMissing:
		return w.X("diagnostic.module-folder-missing", "the module {{.Module}} is listed but there is no folder modules/{{.Module}}", args),
			w.X("diagnostic.module-folder-missing.hint", "create the module, fix the name to match its folder, or remove it from the list")
	case course.CodeModuleNotListed:
		return w.X("diagnostic.module-not-listed", "the module {{.Module}} is not in the menu because _data/course.yml does not list it; its pages are still published", args),
			w.X("diagnostic.module-not-listed.hint", "add it to the module list to show it in the menu; to keep a page off the site, set published: false in it")
	case course.CodePageSameAddress:
		return w.X("diagnostic.page-same-address", "this page has the same name as {{.Other}}: both would be published at {{.Address}} and one would replace the other", args),
			w.X("diagnostic.page-same-address.hint", "rename one of the two pages")
	case course.CodePostURLMissing:
		return w.X("diagnostic.post-url-missing", "post_url {{.Name}} names no published page of the course: Jekyll stops the whole site build", args),
			w.X("diagnostic.post-url-missing.hint", "use the page's file name without .md, such as 2000-01-01-intro")
	case course.CodePostURLWrongFolder:
		return w.X("diagnostic.post-url-wrong-folder", "post_url names the page {{.Name}} with the module folder {{.Wanted}}, but it is in {{.Folder}}", args),
			w.X("diagnostic.post-url-wrong-folder.hint", "fix the folder part of the name, or leave it out")
	case course.CodeTranslationSourceUnreadable:
		return w.X("diagnostic.translation-source-unreadable", "the source of this translation could not be read"),
			w.X("diagnostic.translation-source-unreadable.hint", "check that the source course is still where translation_of says")
	case course.CodeTranslationVersionUnknown:
		return w.X("diagnostic.translation-version-unknown", "this page says it translates {{.Source}} as of version {{.Version}}, which the source course does not have", args),
			w.X("diagnostic.translation-version-unknown.hint", "correct translation_of in the page's front matter")
	case course.CodeTranslationSourceRemoved:
		return w.X("diagnostic.translation-source-removed", "the source page {{.Source}} has been removed from the source course since this page was translated", args),
			w.X("diagnostic.translation-source-removed.hint", "remove this page too, or keep it as a page of your own and delete translation_of")
	case course.CodeGuideNoMeetingNumber:
		return w.X("diagnostic.guide-no-meeting-number", "this page of the facilitator guide has no meeting number"),
			w.X("diagnostic.guide-no-meeting-number.hint", "add meeting: N to its front matter, N being its place in the learning circle, or move the page out of facilitator-guide/")
	case course.CodeGuideMeetingNumberInvalid:
		return w.X("diagnostic.guide-meeting-number-invalid", "the meeting number {{.Value}} is not a number from 1 up", args),
			w.X("diagnostic.guide-meeting-number-invalid.hint", "write the meeting's place in the learning circle, e.g. meeting: 1")
	case course.CodeGuideMeetingTwice:
		return w.X("diagnostic.guide-meeting-twice", "meeting {{.Meeting}} is also planned in {{.Other}}", args),
			w.X("diagnostic.guide-meeting-twice.hint", "give each meeting its own number, or remove one of the two pages")
	case course.CodeGuideMeetingsGap:
		return w.X("diagnostic.guide-meetings-gap", "meetings are missing from the facilitator guide: the numbers jump from {{.Previous}} to {{.Next}}", args),
			w.X("diagnostic.guide-meetings-gap.hint", "renumber the meetings so they run 1, 2, 3…, or add the missing ones")
	case course.CodeGuideMeetingCount:
		return w.X("diagnostic.guide-meeting-count", "the course settings say {{.Meetings}} meetings but the facilitator guide plans {{.Planned}}", args),
			w.X("diagnostic.guide-meeting-count.hint", "change the number of meetings to match the guide, or add or remove meetings in the guide")
	case course.CodeGuideAgendaNotList:
		return w.X("diagnostic.guide-agenda-not-list", "the agenda is not a list of activities"),
			w.X("diagnostic.guide-agenda-not-list.hint", "write it as a list of activities, each with its minutes and, if you like, the course page it uses")
	case course.CodeGuideAgendaItemInvalid:
		return w.X("diagnostic.guide-agenda-item-invalid", "agenda item {{.Item}} is not an activity with minutes", args),
			w.X("diagnostic.guide-agenda-item-invalid.hint", "give it an activity and its minutes as a whole number")
	case course.CodeGuideAgendaItemNoActivity:
		return w.X("diagnostic.guide-agenda-item-no-activity", "agenda item {{.Item}} has no activity", args),
			w.X("diagnostic.guide-agenda-item-no-activity.hint", "say what the group does, e.g. Check-in")
	case course.CodeGuideAgendaPage:
		return w.X("diagnostic.guide-agenda-page", "the page {{.Page}} of this agenda item is not a page of the course", args),
			w.X("diagnostic.guide-agenda-page.hint", "choose a page of the course, written as module/page")
	case course.CodeGuideAgendaMinutes:
		return w.X("diagnostic.guide-agenda-minutes", "the agenda adds up to {{.Total}} minutes but the meeting lasts {{.Minutes}} minutes", args),
			w.X("diagnostic.guide-agenda-minutes.hint", "change the activities' minutes or the meeting's length so they match")
	case course.CodeCreditsUnreadable:
		return w.X("diagnostic.credits-unreadable", "the image credits (img/credits.yml) cannot be read"),
			w.X("diagnostic.credits-unreadable.hint", "check the file's permissions")
	case course.CodeCreditsInvalid:
		return w.X("diagnostic.credits-invalid", "this part of the image credits (img/credits.yml) is not valid"),
			w.X("diagnostic.credits-invalid.hint", "give each image its file, author, source and license, one entry per image")
	case course.CodeImageNoLicense:
		return w.X("diagnostic.image-no-license", "this image has no known license: the site will be published without saying who made it or whether it may be shared"),
			w.X("diagnostic.image-no-license.hint", "add it to img/credits.yml with its author, source and license (license: course if you made it for this course)")
	case course.CodeImageLicenseUnknown:
		return w.X("diagnostic.image-license-unknown", "the license “{{.License}}” given for this image in img/credits.yml is missing or not one Coursewright knows", args),
			w.X("diagnostic.image-license-unknown.hint", "use an SPDX id such as CC-BY-4.0 or CC0-1.0, or course if you made it for this course")
	case course.CodeYAMLInvalid:
		return w.X("diagnostic.yaml-invalid", "this file is not valid YAML"),
			w.X("diagnostic.yaml-invalid.hint", "fix the line shown; Coursewright will not change this file until it is valid")
	case course.CodeFrontMatterInvalid:
		return w.X("diagnostic.front-matter-invalid", "the front matter at the top of this page is not valid"),
			w.X("diagnostic.front-matter-invalid.hint", "fix the YAML between the --- lines at the top of the page")
	case course.CodeFileUnreadable:
		return w.X("diagnostic.file-unreadable", "this file cannot be read"),
			w.X("diagnostic.file-unreadable.hint", "check the file's permissions")
	case course.CodeFileLinkOutside:
		return w.X("diagnostic.file-link-outside", "this file is a link to something outside the course (or to nothing)"),
			w.X("diagnostic.file-link-outside.hint", "copy the file into the course folder instead of linking to it")
	case course.CodeFileLinkBroken:
		return w.X("diagnostic.file-link-broken", "this file is a link whose target is gone"),
			w.X("diagnostic.file-link-broken.hint", "remove the link or restore its target")
	case course.CodeFileTooLarge:
		return w.X("diagnostic.file-too-large", "this file is too large to be a page (the limit is {{.Limit}} MB)", args),
			w.X("diagnostic.file-too-large.hint", "split it into several pages, or move large media out of markdown")
	case course.CodeFileBinary:
		return w.X("diagnostic.file-binary", "this is not a text file (it contains binary data) but its name ends in .md"),
			w.X("diagnostic.file-binary.hint", "rename it or remove it; Coursewright leaves it untouched")
	case course.CodeFileNotUTF8:
		return w.X("diagnostic.file-not-utf8", "the text is not UTF-8"),
			w.X("diagnostic.file-not-utf8.hint", "save the file as UTF-8 in your text editor; Coursewright leaves it untouched until then")
	case course.CodePageNameNoDate:
		return w.X("diagnostic.page-name-no-date", "the page's file name does not start with a date (YYYY-MM-DD-name.md), so Jekyll ignores it"),
			w.X("diagnostic.page-name-no-date.hint", "rename it so its name starts with a date, e.g. 2000-01-01-name.md")
	case course.CodeImageLinkOutside:
		return w.X("diagnostic.image-link-outside", "this image is a link to something outside the course; it is left out"),
			w.X("diagnostic.image-link-outside.hint", "copy the file into the course folder")
	case course.CodeFolderLinkOutside:
		return w.X("diagnostic.folder-link-outside", "this folder is a link to something outside the course; it is left out"),
			w.X("diagnostic.folder-link-outside.hint", "copy the folder into the course instead of linking to it")
	case course.CodeLiquidError:
		return w.X("diagnostic.liquid-error", "the page's Liquid template has an error; the page is shown without Liquid"),
			w.X("diagnostic.liquid-error.hint", "check that every {% if %}, {% for %} and {% comment %} has its closing tag")
	case course.CodeStyleScriptRemoved:
		return w.X("diagnostic.style-script-removed", "a style ({{.Style}}) was removed: it loads a script address", args),
			w.X("diagnostic.style-script-removed.hint", "style the page without loading scripts")
	case course.CodeUnsafeAddressRemoved:
		return w.X("diagnostic.unsafe-address-removed", "the address {{.Address}} was removed: that kind of address can run code in the reader's browser", args),
			w.X("diagnostic.unsafe-address-removed.hint", "link to an http(s) address or a file of the course")
	case course.CodeHTMLElementRemoved:
		return w.X("diagnostic.html-element-removed", "the HTML element <{{.Element}}> was removed: it could run code or change the page around it", args),
			w.X("diagnostic.html-element-removed.hint", "use markdown, or the HTML that course pages allow")
	case course.CodeEmbedNotAllowed:
		return w.X("diagnostic.embed-not-allowed", "an embedded frame from {{.Address}} was removed: its site is not on the list of allowed embeds", args),
			w.X("diagnostic.embed-not-allowed.hint", "embeds from YouTube, Vimeo, Kaltura, Google Docs, the Internet Archive, Wikimedia Commons and H5P are allowed; add the site to iframe_hosts in _data/course.yml if you trust it")
	case course.CodeScriptAttributeRemoved:
		return w.X("diagnostic.script-attribute-removed", "the script attribute {{.Attribute}} of <{{.Element}}> was removed: scripts cannot run in course pages", args),
			w.X("diagnostic.script-attribute-removed.hint", "remove the attribute from the HTML")
	case course.CodeRenderFailed:
		return w.X("diagnostic.render-failed", "this page could not be rendered"),
			w.X("diagnostic.render-failed.hint", "simplify the part of the page last changed; the log has the details")
	case course.CodePageAddressTaken:
		return w.X("diagnostic.page-address-taken", "this page would be published at {{.Address}}, where {{.Other}} already is; it is left out", args),
			w.X("diagnostic.page-address-taken.hint", "rename one of the two files")
	case course.CodeFileShadowsPage:
		return w.X("diagnostic.file-shadows-page", "this file has the same path as a page of the built site; it is not copied"),
			w.X("diagnostic.file-shadows-page.hint", "rename or move the file")
	case course.CodeBuildRecordDamaged:
		return w.X("diagnostic.build-record-damaged", "the record of the last build is damaged; everything is built again"),
			w.X("diagnostic.build-record-damaged.hint", "nothing to do: the next build writes a new record")
	case course.CodeSecretLeftOut:
		return w.X("diagnostic.secret-left-out", "left out of the site: this file looks like it holds a secret (a password, token or key); secrets are never published"),
			w.X("diagnostic.secret-left-out.hint", "move the file out of the course folder")
	case course.CodeBuildFailed:
		return w.X("diagnostic.build-failed", "the site could not be rebuilt"),
			w.X("diagnostic.build-failed.hint", "fix the problems listed for the course, then save again; the log has the details")
	case course.CodeChangesUnlisted:
		return w.X("diagnostic.changes-unlisted", "the changes made to the adapted course could not be listed"),
			w.X("diagnostic.changes-unlisted.hint", "the site says only that changes were made; check based_on.commit")
	case course.CodeSecretUnreadable:
		return w.X("diagnostic.secret-unreadable", "this file could not be read to check that it holds no secret; it is not copied"),
			w.X("diagnostic.secret-unreadable.hint", "check the file's permissions")
	case course.CodeIframeHostInvalid:
		return w.X("diagnostic.iframe-host-invalid", "the entry {{.Host}} of iframe_hosts is not a host name; it is ignored", args),
			w.X("diagnostic.iframe-host-invalid.hint", "write host names only, e.g. media.example.org")
	case course.CodeSiteLicenseUnknown:
		return w.X("diagnostic.site-license-unknown", "the course's license {{.License}} is not an SPDX license id; the site shows no license", args),
			w.X("diagnostic.site-license-unknown.hint", "choose a license, e.g. CC-BY-SA-4.0")
	case course.CodeBannerColorInvalid:
		return w.X("diagnostic.banner-color-invalid", "the banner colour {{.Color}} (jumbotron_color) is not a hex colour; the default banner colour is used", args),
			w.X("diagnostic.banner-color-invalid.hint", "write a colour like #1f5f8b")
	case course.CodeSiteLanguageInvalid:
		return w.X("diagnostic.site-language-invalid", "the course's language {{.Language}} is not a language tag; pages are marked as English", args),
			w.X("diagnostic.site-language-invalid.hint", "use a tag like en, es or pt-BR")
	case course.CodeBannerImageNotHTTPS:
		return w.X("diagnostic.banner-image-not-https", "the banner image {{.Image}} ({{.Setting}}) is not an https address; browsers would block it, so it is left out", args),
			w.X("diagnostic.banner-image-not-https.hint", "use an https address or put the image in the img folder")
	case course.CodeImageTooLarge:
		return w.X("diagnostic.image-too-large", "this image is {{.Size}}, more than 500 KB: slow to load for learners on a phone", args),
			w.X("diagnostic.image-too-large.hint", "run coursewright check --fix-images to put a smaller copy in its place")
	case course.CodeSelfCheckInvalid:
		// The problem, too, in the interface language: by the syntax
		// error's code, which the diagnostic carries as Syntax.
		args["Problem"] = selfCheckProblem(w, d.Args["Syntax"], d.Args, d.Args["Problem"])
		return w.X("diagnostic.self-check-invalid", "self-check question {{.Number}} cannot be read, so learners see it as plain text: {{.Problem}}", args),
			w.X("diagnostic.self-check-invalid.hint", "write it as docs/self-checks.md shows: the question, its options as a numbered list, then the answer inside <details markdown=\"1\">")
	case course.CodeBannerContrastLow:
		return w.X("diagnostic.banner-contrast-low", "the banner colour {{.Color}} is a mid tone: its text reaches only {{.Ratio}}:1 even in black, hard to read for people with low vision", args),
			w.X("diagnostic.banner-contrast-low.hint", "choose a darker or a lighter banner colour")
	case course.CodeBannerImageMissing:
		return w.X("diagnostic.banner-image-missing", "the banner image {{.Image}} ({{.Setting}}) is not in the course; the banner is shown without it", args),
			w.X("diagnostic.banner-image-missing.hint", "add the image to the img folder, or choose another one")
	case course.CodeActiveMarkupLeftOut:
		return w.X("diagnostic.active-markup-left-out", "left out of the site: this HTML or SVG file holds script, which would run in the site's pages"),
			w.X("diagnostic.active-markup-left-out.hint", "remove the script from the file, or make the page a markdown page of the course")
	case course.CodeMarkupUnchecked:
		return w.X("diagnostic.markup-unchecked", "left out of the site: this HTML or SVG file could not be checked for scripts"),
			w.X("diagnostic.markup-unchecked.hint", "save it as a plain, readable .svg or .html file of a few megabytes at most")
	case course.CodeRenderLimit:
		return w.X("diagnostic.render-limit", "this page went past a limit while it was rendered (loops, nesting, size or time); the part over the limit is shown without Liquid or as text"),
			w.X("diagnostic.render-limit.hint", "loop over fewer items, nest less, or split the page")
	case publish.CodeRedirectFromTaken:
		return w.X("diagnostic.redirect-from-taken", "redirect_from lists {{.Address}}, where {{.Page}} is published now; no redirect is written there", args),
			w.X("diagnostic.redirect-from-taken.hint", "remove the address from redirect_from")
	case course.CodeTwoHomePages:
		return w.X("diagnostic.two-home-pages", "both index.md and index.html are home pages; index.md is used"),
			w.X("diagnostic.two-home-pages.hint", "remove one of the two")
	case course.CodePluginNotRun:
		return w.X("diagnostic.plugin-not-run", "this course asks for the plugin {{.Plugin}}, which Coursewright does not run: its effects will be missing", args),
			w.X("diagnostic.plugin-not-run.hint", "check the pages that rely on it, or remove it from plugins in _config.yml")
	case course.CodeStylesheetsLeftOut:
		return w.X("diagnostic.stylesheets-left-out", "{{.Count}} Sass stylesheet(s) of the old theme ({{.Files}}) are left out of the site: Coursewright's theme has its own styles", args),
			w.X("diagnostic.stylesheets-left-out.hint", "nothing to do; the banner colour and images are in the course settings")
	}
	return d.Message, d.Hint
}

// problemLine is a diagnostic as the page's problem list shows it: line,
// what is wrong and what to do.
func problemLine(w Wording, d course.Diagnostic) string {
	msg, hint := diagnosticWords(w, d)
	if hint == "" {
		return w.L("line {{.Line}}: {{.Problem}}", map[string]any{"Line": d.Line, "Problem": msg})
	}
	return w.L("line {{.Line}}: {{.Problem}} — {{.Hint}}", map[string]any{"Line": d.Line, "Problem": msg, "Hint": hint})
}

// DiagnosticLine is a diagnostic as a list of the whole course's problems
// shows it (an export's, say): file, line, what is wrong and what to do,
// in the interface language w.
func DiagnosticLine(w Wording, d course.Diagnostic) string {
	where := d.File
	if d.Line > 0 {
		where = fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	msg, hint := diagnosticWords(w, d)
	if hint == "" {
		return where + ": " + msg
	}
	return where + ": " + msg + " — " + hint
}
