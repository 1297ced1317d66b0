package course

// Code names a kind of problem a Diagnostic reports, stably: the CLI and
// the app turn a Diagnostic into words by its Code and Args, each in its
// own way (the app in the interface language, the CLI with the commands
// that fix it). Message and Hint are the English wording for logs and for
// any reader that knows no better; a Code never changes once released.
type Code string

// The codes of the course model's checks.
const (
	CodeNoCourseData    Code = "no-course-data"
	CodeLicenseNotOne   Code = "license-not-one"
	CodeLicenseUnknown  Code = "license-unknown"
	CodeLanguageUnknown Code = "language-unknown"
	CodeBannerImage     Code = "banner-image"

	CodeModulesNotList      Code = "modules-not-list"
	CodeModuleEntryEmpty    Code = "module-entry-empty"
	CodeModuleEntryInvalid  Code = "module-entry-invalid"
	CodeModuleListedTwice   Code = "module-listed-twice"
	CodeModuleFolderMissing Code = "module-folder-missing"
	CodeModuleNotListed     Code = "module-not-listed"

	CodePageSameAddress    Code = "page-same-address"
	CodePageUnpublished    Code = "page-unpublished"
	CodePageUntitled       Code = "page-untitled"
	CodeImageNoAlt         Code = "image-no-alt"
	CodeLinkBroken         Code = "link-broken"   // Args: Target
	CodeImageMissing       Code = "image-missing" // Args: Target
	CodePostURLMissing     Code = "post-url-missing"
	CodePostURLWrongFolder Code = "post-url-wrong-folder"

	CodeTranslationSourceUnreadable Code = "translation-source-unreadable"
	CodeTranslationVersionUnknown   Code = "translation-version-unknown"
	CodeTranslationSourceRemoved    Code = "translation-source-removed"
	CodeTranslationOutdated         Code = "translation-outdated"  // Args: Source, Version, Page
	CodeTranslationUnchanged        Code = "translation-unchanged" // Args: Source
	CodeTranslationMissing          Code = "translation-missing"   // Args: Source

	CodeGuideNoMeetingNumber      Code = "guide-no-meeting-number"
	CodeGuideMeetingNumberInvalid Code = "guide-meeting-number-invalid"
	CodeGuideMeetingTwice         Code = "guide-meeting-twice"
	CodeGuideMeetingsGap          Code = "guide-meetings-gap"
	CodeGuideMeetingCount         Code = "guide-meeting-count"
	CodeGuideAgendaNotList        Code = "guide-agenda-not-list"
	CodeGuideAgendaItemInvalid    Code = "guide-agenda-item-invalid"
	CodeGuideAgendaItemNoActivity Code = "guide-agenda-item-no-activity"
	CodeGuideAgendaPage           Code = "guide-agenda-page"
	CodeGuideAgendaMinutes        Code = "guide-agenda-minutes"

	CodeCreditsUnreadable   Code = "credits-unreadable"
	CodeCreditsInvalid      Code = "credits-invalid"
	CodeImageNoLicense      Code = "image-no-license"
	CodeImageLicenseUnknown Code = "image-license-unknown"

	CodeYAMLInvalid        Code = "yaml-invalid"
	CodeFrontMatterInvalid Code = "front-matter-invalid"
	CodeFileUnreadable     Code = "file-unreadable"
	CodeFileLinkOutside    Code = "file-link-outside"
	CodeFileLinkBroken     Code = "file-link-broken"
	CodeFileTooLarge       Code = "file-too-large"
	CodeFileBinary         Code = "file-binary"
	CodeFileNotUTF8        Code = "file-not-utf8"
	CodePageNameNoDate     Code = "page-name-no-date"
	CodeImageLinkOutside   Code = "image-link-outside"
	CodeFolderLinkOutside  Code = "folder-link-outside"

	// A self-check question whose markdown cannot be read (it is shown
	// as plain markdown). Args: Number (the question's on its page),
	// Syntax (the selfcheck code, e.g. self-check-no-answer), Problem
	// (English), and the syntax error's own Args.
	CodeSelfCheckInvalid Code = "self-check-invalid"
)

// The codes of rendering a page (package render).
const (
	CodeLiquidError            Code = "liquid-error"
	CodeLiquidUnknownTag       Code = "liquid-unknown-tag"      // Args: Tag
	CodeLiquidIncludeMissing   Code = "liquid-include-missing"  // Args: File
	CodeLiquidPostURLMissing   Code = "liquid-post-url-missing" // Args: Name
	CodeRenderImageMissing     Code = "render-image-missing"    // Args: Target
	CodeRenderLinkBroken       Code = "render-link-broken"      // Args: Target
	CodeStyleScriptRemoved     Code = "style-script-removed"
	CodeUnsafeAddressRemoved   Code = "unsafe-address-removed"
	CodeHTMLElementRemoved     Code = "html-element-removed"
	CodeEmbedNotAllowed        Code = "embed-not-allowed"
	CodeScriptAttributeRemoved Code = "script-attribute-removed"
	CodeRenderFailed           Code = "render-failed"
)

// The codes of building and previewing the site (packages publish and
// preview).
const (
	CodePageAddressTaken    Code = "page-address-taken"
	CodeFileShadowsPage     Code = "file-shadows-page"
	CodeBuildRecordDamaged  Code = "build-record-damaged"
	CodeSecretLeftOut       Code = "secret-left-out"
	CodeBuildFailed         Code = "build-failed"
	CodeChangesUnlisted     Code = "changes-unlisted"
	CodeSecretUnreadable    Code = "secret-unreadable"
	CodeIframeHostInvalid   Code = "iframe-host-invalid"
	CodeSiteLicenseUnknown  Code = "site-license-unknown"
	CodeBannerColorInvalid  Code = "banner-color-invalid"
	CodeSiteLanguageInvalid Code = "site-language-invalid"
	CodeBannerImageNotHTTPS Code = "banner-image-not-https"
	CodeBannerImageMissing  Code = "banner-image-missing"
	CodeImageTooLarge       Code = "image-too-large"
	CodeBannerContrastLow   Code = "banner-contrast-low"
)

// DiagnosticArgs turns name, value pairs into a Diagnostic's Args (nil
// for none).
func DiagnosticArgs(pairs ...string) map[string]string { return argMap(pairs) }

// argMap turns name, value pairs into a Diagnostic's Args.
func argMap(pairs []string) map[string]string {
	if len(pairs) == 0 {
		return nil
	}
	m := make(map[string]string, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}
