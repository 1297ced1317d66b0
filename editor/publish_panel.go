package editor

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish"
	"github.com/coursewright/coursewright/repo"
)

// PublishPanel publishes the course with publish.Publish: where to (the
// remote, asked the first time), a custom domain, progress with cancel,
// and the site's address. A conflict with a co-author's change shows the
// clashing pages, the server's version beside this one, and the two
// ways out repo offers: take theirs, or keep mine as a new branch.
//
// Publishing runs in the background on a fresh load of the saved course,
// so the author's window never shares its model with that goroutine; the
// view re-reads the files a merge brought in when it is done.
type PublishPanel struct {
	Remote, Domain *widget.Entry
	// Message is what changed, in the author's words: the message of the
	// version publishing saves (publish's default when left empty).
	Message *widget.Entry
	// Host starts the remote's address for a known git host; any other
	// address (HTTPS or SSH) is typed in Remote.
	Host *widget.Select
	// Progress shows only while work is under way: a bar at 0% before
	// anything started reads as something stuck.
	Progress *widget.ProgressBar
	Phase    *widget.Label
	// Result shows the site's address, or what failed.
	Result  *widget.Label
	SiteURL *widget.Hyperlink

	PublishBtn, CancelBtn *widget.Button
	// Checks lists the problems found before publishing, with
	// PublishAnywayBtn to go on regardless.
	Checks           *widget.Label
	PublishAnywayBtn *widget.Button

	// Conflict is shown on a conflict: ConflictPaths, Theirs beside Mine
	// (the page chosen in ConflictPage), and the two choices.
	Conflict      *fyne.Container
	ConflictPaths *widget.Label
	// ConflictPage chooses which clashing page Theirs and Mine show.
	ConflictPage *widget.Select
	// TrustBtn accepts an SSH server's key on first contact (after the
	// author compared the fingerprint Result shows) and publishes.
	TrustBtn               *widget.Button
	Theirs, Mine           *widget.Label
	TakeTheirsBtn, KeepBtn *widget.Button

	// Auth is where credentials come from (nil: the usual places).
	Auth *repo.Auth
	// OnFinished is called on the UI thread after each publish.
	OnFinished func(*publish.Result, error)

	Content fyne.CanvasObject

	v       *CourseView
	reading bool // the repository's remote is being read
	// comparing: a clashing page's versions are being read
	comparing bool
	cancel    context.CancelFunc
	conflict  *repo.RemoteConflictError
	unknown   *repo.ErrUnknownHost
}

// NewPublishPanel builds the publish panel of the view's course.
func NewPublishPanel(v *CourseView) *PublishPanel {
	p := &PublishPanel{v: v, Remote: widget.NewEntry(), Domain: widget.NewEntry(), Message: widget.NewEntry(), Progress: widget.NewProgressBar(),
		Phase: widget.NewLabel(""), Result: widget.NewLabel(""), ConflictPaths: widget.NewLabel(""),
		Theirs: widget.NewLabel(""), Mine: widget.NewLabel("")}
	p.Result.Wrapping = fyne.TextWrapWord
	p.Progress.Hide()
	p.Message.SetPlaceHolder(lang.L("What changed, e.g. \"Shorter check-in\""))
	p.ConflictPaths.Wrapping = fyne.TextWrapWord
	p.Remote.SetPlaceHolder(lang.L("https://github.com/you/course.git or git@host:you/course.git"))
	p.Remote.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return Words(lang.L("where to publish: the address of a git repository on GitHub, GitLab, Codeberg or any git host"))
		}
		return repo.CheckRemoteURL(strings.TrimSpace(s))
	}
	p.Host = widget.NewSelect(hostLabels(), p.hostChosen)
	p.Host.PlaceHolder = lang.L("Where is the repository?")
	p.Domain.SetPlaceHolder(lang.L("course.example.org (optional)"))
	p.Domain.Validator = validateDomain
	p.SiteURL = widget.NewHyperlink("", nil)
	p.SiteURL.Hide()
	p.PublishBtn = widget.NewButtonWithIcon(lang.L("Publish"), theme.UploadIcon(), p.Start)
	p.PublishBtn.Importance = widget.HighImportance
	// Cancel shows only while there is something to cancel (a disabled
	// one beside Publish reads as a job stuck somewhere).
	p.CancelBtn = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), p.Cancel)
	p.CancelBtn.Hide()
	p.Checks = widget.NewLabel("")
	p.Checks.Hide()
	p.Phase.Hide()
	p.Checks.Wrapping = fyne.TextWrapWord
	p.PublishAnywayBtn = widget.NewButton(lang.L("Publish anyway"), p.publishAnyway)
	p.PublishAnywayBtn.Hide()
	p.TakeTheirsBtn = widget.NewButton(lang.L("Take theirs"), func() { p.resolve(false) })
	p.KeepBtn = widget.NewButton(lang.L("Keep mine as a new branch"), func() { p.resolve(true) })
	side := container.NewGridWithColumns(2,
		container.NewBorder(widget.NewLabelWithStyle(lang.L("On the server"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, container.NewScroll(p.Theirs)),
		container.NewBorder(widget.NewLabelWithStyle(lang.L("Yours"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, container.NewScroll(p.Mine)))
	p.ConflictPage = widget.NewSelect(nil, p.showConflictPage)
	p.TrustBtn = widget.NewButton(lang.L("Trust this server and publish"), p.trustHost)
	p.TrustBtn.Hide()
	p.Conflict = container.NewBorder(container.NewVBox(p.ConflictPaths, p.ConflictPage), container.NewHBox(p.TakeTheirsBtn, p.KeepBtn), nil, nil, side)
	p.Conflict.Hide()

	p.Domain.SetText(v.c.Meta().Domain)
	p.readRemote(v.c.Dir)
	form := widget.NewForm(widget.NewFormItem(lang.L("Host"), p.Host), widget.NewFormItem(lang.L("Publish to"), p.Remote), widget.NewFormItem(lang.L("Custom domain"), p.Domain), widget.NewFormItem(lang.L("What changed"), p.Message))
	top := container.NewVBox(form, container.NewHBox(p.PublishBtn, p.CancelBtn), p.Checks, p.PublishAnywayBtn, p.Phase, p.Progress, p.Result, p.TrustBtn, p.SiteURL)
	p.Content = container.NewBorder(top, nil, nil, nil, p.Conflict)
	return p
}

// readRemote fills in where the course was published last: the
// repository's remote and the host chosen then. Opening the repository
// reads git's files, so it happens in the background; what the author
// typed meanwhile is kept.
func (p *PublishPanel) readRemote(dir string) {
	p.reading = true
	go func() {
		remote := ""
		if r, err := repo.Open(dir, repo.Options{}); err == nil {
			if u, err := r.Remote(); err == nil {
				remote = u
			}
		}
		host := publish.HostOf(dir)
		fyne.Do(func() {
			p.reading = false
			if p.Remote.Text == "" && remote != "" {
				p.Remote.SetText(remote)
			}
			// The host chosen last (kept in the repository), or the one
			// the remote's address shows; set without the handler, which
			// would rewrite the address.
			if p.Host.Selected == "" && (host.Kind != publish.HostNone || remote != "") {
				p.Host.Selected = hostLabel(host)
				p.Host.Refresh()
			}
		})
	}()
}

// Busy reports whether the panel is still reading the repository or
// has work under way (tests wait for it).
func (p *PublishPanel) Busy() bool { return p.reading || p.cancel != nil || p.comparing }

// hostLabel names a host in the Host choice.
func hostLabel(h publish.Host) string {
	if h.Kind == publish.HostNone {
		return lang.L("Other git host")
	}
	return h.Name
}

// hostLabels are the Host choices, in publish's order.
func hostLabels() []string {
	var out []string
	for _, h := range publish.Hosts() {
		out = append(out, hostLabel(h))
	}
	return out
}

// chosenHost is the kind of the host chosen in Host; "" when none is.
func (p *PublishPanel) chosenHost() publish.HostKind {
	for _, h := range publish.Hosts() {
		if hostLabel(h) == p.Host.Selected {
			return h.Kind
		}
	}
	return ""
}

// hostAddresses are the HTTPS addresses of the hosts Host offers.
func hostAddresses() map[string]string {
	return map[string]string{"GitHub": "https://github.com/", "GitLab": "https://gitlab.com/", "Codeberg": "https://codeberg.org/"}
}

// hostChosen starts the remote address with the chosen host's, unless
// the author typed one of their own already.
func (p *PublishPanel) hostChosen(host string) {
	cur := strings.TrimSpace(p.Remote.Text)
	known := cur == ""
	for _, a := range hostAddresses() {
		known = known || cur == a
	}
	if a, ok := hostAddresses()[host]; ok && known {
		p.Remote.SetText(a)
		p.Remote.CursorColumn = len([]rune(a)) // typing goes on after the host
		p.Remote.Refresh()
		p.Remote.SetPlaceHolder(a + lang.L("account/repository.git"))
	} else if !ok && known {
		p.Remote.SetText("")
		p.Remote.SetPlaceHolder(lang.L("https://github.com/you/course.git or git@host:you/course.git"))
	}
}

// Start checks the course first (course.Check: broken links, missing
// images and alt text, unlicensed media…): with problems, it lists them
// and offers to publish anyway, so the author can fix them first.
// Without, it publishes.
func (p *PublishPanel) Start() {
	p.PublishAnywayBtn.Hide()
	showText(p.Checks, "")
	p.prepare(true, func(c *course.Course, ds []course.Diagnostic) {
		if len(ds) == 0 {
			p.publish(c)
			return
		}
		showText(p.Checks, CheckSummary(p.v.words, ds, 8))
		p.PublishAnywayBtn.Show()
	})
}

// CheckSummary counts the problems and lists the first max of them, in
// the interface language w.
func CheckSummary(w Wording, ds []course.Diagnostic, max int) string {
	errs := 0
	for _, d := range ds {
		if d.Severity == course.SeverityError {
			errs++
		}
	}
	var b strings.Builder
	b.WriteString(w.L("Before publishing: {{.Errors}} errors and {{.Warnings}} warnings. Fix them first, or publish anyway.",
		map[string]any{"Errors": errs, "Warnings": len(ds) - errs}))
	for i, d := range ds {
		if i == max {
			b.WriteString("\n" + w.L("… and {{.N}} more (see the problems list of each page).", map[string]any{"N": len(ds) - max}))
			break
		}
		b.WriteString("\n• " + d.File)
		if d.Line > 0 {
			b.WriteString(":" + strconv.Itoa(d.Line))
		}
		msg, hint := diagnosticWords(w, d)
		b.WriteString(": " + msg)
		if hint != "" {
			b.WriteString(" — " + hint)
		}
	}
	return b.String()
}

// prepare validates the form and saves the course on the UI thread,
// then, in the background with progress and Cancel, sets the remote
// (making the folder a repository first when it is not one), loads a
// copy of the course to publish and, with check, checks it; then goes on
// with then on the UI thread.
func (p *PublishPanel) prepare(check bool, then func(c *course.Course, ds []course.Diagnostic)) {
	p.clearOutcome()
	err := p.Remote.Validate()
	if err == nil {
		err = p.Domain.Validate()
	}
	if d := strings.TrimSpace(p.Domain.Text); err == nil && d != p.v.c.Meta().Domain {
		// The domain is a course setting: kept for the next publish and
		// shown in the settings form (Apply saves).
		err = p.v.Apply(course.SetMeta{Key: "domain", Value: d})
	}
	if err == nil {
		err = p.v.Save()
	}
	if err != nil {
		p.finish(nil, err)
		return
	}
	ctx := p.begin(lang.L("Preparing to publish…"))
	cancel := p.cancel
	dir, remote := p.v.c.Dir, strings.TrimSpace(p.Remote.Text)
	go func() {
		err := setRemote(ctx, dir, remote)
		var c *course.Course
		if err == nil {
			c, err = course.LoadContext(ctx, dir)
		}
		var ds []course.Diagnostic
		if err == nil && check {
			// Check reads every page and image: off the UI thread, on
			// the copy; both stop at the next file or page on Cancel.
			ds, err = course.CheckContext(ctx, c)
		}
		if err == nil {
			err = ctx.Err()
		}
		fyne.Do(func() {
			cancel()
			if err != nil {
				p.finish(nil, err)
				return
			}
			p.cancel = nil // its work is done; publish starts its own
			p.CancelBtn.Hide()
			p.PublishBtn.Enable()
			showText(p.Phase, "")
			p.Progress.Hide() // publish shows it again when it starts
			then(c, ds)
		})
	}()
}

// clearOutcome takes away what the last pre-check or publish said (an
// old "Not published: …" under a new pre-check misleads).
func (p *PublishPanel) clearOutcome() {
	p.Result.SetText("")
	p.SiteURL.Hide()
	p.TrustBtn.Hide()
}

// begin shows that work has started: progress at 0, Publish off, Cancel
// on; Cancel ends the context returned (p.cancel until the work ends).
func (p *PublishPanel) begin(phase string) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	showText(p.Phase, phase)
	p.Progress.SetValue(0)
	p.Progress.Show()
	p.PublishBtn.Disable()
	p.CancelBtn.Show()
	return ctx
}

// publishAnyway publishes despite the problems Start listed.
func (p *PublishPanel) publishAnyway() {
	p.PublishAnywayBtn.Hide()
	p.prepare(false, func(c *course.Course, _ []course.Diagnostic) { p.publish(c) })
}

// publish publishes c (a fresh load of the saved course) in the
// background.
func (p *PublishPanel) publish(c *course.Course) {
	showText(p.Checks, "")
	ctx := p.begin("")
	p.conflict = nil
	p.Conflict.Hide()
	p.SiteURL.Hide()
	p.Result.SetText("")
	opts := publish.Options{Host: p.chosenHost(), Domain: strings.TrimSpace(p.Domain.Text), Auth: p.Auth,
		Message: strings.TrimSpace(p.Message.Text),
		Progress: func(phase publish.Phase, pct int) {
			fyne.Do(func() {
				showText(p.Phase, phaseWords(phase))
				p.Progress.SetValue(float64(pct) / 100)
			})
		}}
	// A publish may merge a co-author's work into the folder: the course
	// is read again after it, in the same goroutine (see finish).
	scan := p.v.prepareReload()
	go func() {
		res, err := publish.Publish(ctx, c, opts)
		var scanErr error
		if err == nil {
			// Not the publish's to cancel any more: it is done, and the
			// course must follow the folder.
			scanErr = scan.Scan(p.v.life)
		}
		fyne.Do(func() {
			if err == nil {
				p.v.applyScan(scan, scanErr, nil)
			}
			p.finish(res, err)
		})
	}()
}

// setRemote points the course's repository at the address typed, making
// the folder a repository first when it is not one. It runs in the
// background.
func setRemote(ctx context.Context, dir, u string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r, err := repo.Open(dir, repo.Options{Create: true})
	if err != nil {
		return err
	}
	if cur, err := r.Remote(); err == nil && cur == u {
		return nil
	}
	return r.SetRemote(u)
}

// Cancel stops the publish under way.
func (p *PublishPanel) Cancel() {
	if p.cancel != nil {
		p.cancel()
	}
}

// Running reports whether a publish is under way.
func (p *PublishPanel) Running() bool { return p.PublishBtn.Disabled() }

func (p *PublishPanel) finish(res *publish.Result, err error) {
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
	p.PublishBtn.Enable()
	p.CancelBtn.Hide()
	p.Progress.Hide()
	showText(p.Phase, "") // the result says how it ended
	var ce *repo.RemoteConflictError
	var unknown *repo.ErrUnknownHost
	p.unknown = nil
	p.TrustBtn.Hide()
	switch {
	case errors.As(err, &ce):
		p.showConflict(ce)
	case errors.As(err, &unknown):
		p.unknown = unknown
		p.Result.SetText(lang.L("First connection to {{.Host}}. Its SSH fingerprint is {{.Fingerprint}}: compare it with the one your git host publishes before you trust it.",
			map[string]any{"Host": unknown.Host, "Fingerprint": unknown.Fingerprint}))
		p.TrustBtn.Show()
	case errors.Is(err, context.Canceled):
		p.Result.SetText(lang.L("Cancelled: nothing was published."))
	case err != nil:
		p.Result.SetText(lang.L("Not published: {{.Reason}}", map[string]any{"Reason": UserError(p.v.words, "", err).Error()}))
	default:
		p.Progress.SetValue(1)
		p.Message.SetText("") // said; the next publish has its own
		msg := lang.L("Published.")
		if !res.Pushed {
			msg = lang.L("Already up to date: nothing new to publish.")
		}
		if len(res.Merged) > 0 {
			msg += " " + lang.L("Merged a co-author's changes to {{.Files}}.", map[string]any{"Files": strings.Join(res.Merged, ", ")})
		}
		// What happens to the website, in the interface's language:
		// an address only where the host serves one, and its one-time
		// step.
		n := res.Notice(p.v.words.Language())
		if n.Step != "" {
			msg += " " + n.Step
		}
		if n.URL != "" {
			msg += " " + n.Lead
			if u, perr := url.Parse(n.URL); perr == nil {
				p.SiteURL.SetText(n.URL)
				p.SiteURL.SetURL(u)
				p.SiteURL.Show()
			}
		}
		p.Result.SetText(msg)
	}
	if p.OnFinished != nil {
		p.OnFinished(res, err)
	}
}

// showConflict lists the clashing pages and shows the first one as the
// server has it beside the author's.
func (p *PublishPanel) showConflict(ce *repo.RemoteConflictError) {
	p.conflict = ce
	p.Result.SetText(lang.L("Not published: a co-author changed the same pages on the server."))
	p.ConflictPaths.SetText(lang.L("Changed on both sides: {{.Files}}", map[string]any{"Files": strings.Join(ce.Paths, ", ")}) +
		"\n" + lang.L("Take theirs replaces your version of these pages with the server's (yours stays in the history); keep mine also saves your work as a new branch first."))
	p.ConflictPage.SetOptions(ce.Paths)
	if len(ce.Paths) > 0 {
		p.ConflictPage.SetSelected(ce.Paths[0])
	}
	p.Conflict.Show()
}

// showConflictPage shows a clashing page as the server has it beside the
// author's, read from the repository in the background.
func (p *PublishPanel) showConflictPage(path string) {
	p.Theirs.SetText("")
	p.Mine.SetText("")
	ce := p.conflict
	if ce == nil {
		return
	}
	p.comparing = true
	dir := p.v.c.Dir
	go func() {
		var theirs, mine string
		r, err := repo.Open(dir, repo.Options{})
		if err == nil {
			theirs, mine, err = r.Diff(context.Background(), "refs/remotes/origin/"+ce.Branch, path)
		}
		fyne.Do(func() {
			p.comparing = false
			if err != nil || p.conflict != ce || p.ConflictPage.Selected != path {
				return
			}
			p.Theirs.SetText(theirs)
			p.Mine.SetText(mine)
		})
	}()
}

// trustHost records the SSH server's key and publishes again.
func (p *PublishPanel) trustHost() {
	u := p.unknown
	if u == nil {
		return
	}
	auth := p.Auth
	if auth == nil {
		auth = &repo.Auth{}
	}
	if err := auth.AcceptHostKey(u.Host, u.Key); err != nil {
		p.Result.SetText(lang.L("Not published: {{.Reason}}", map[string]any{"Reason": UserError(p.v.words, "", err).Error()}))
		return
	}
	p.unknown = nil
	p.TrustBtn.Hide()
	p.publishAnyway()
}

// resolve applies the author's choice on a conflict, as the CLI's
// --take-theirs and --keep-mine do: keeping mine first puts this version
// on a new branch (sent to the server too); both then take the server's
// version of the clashing pages and publish again.
func (p *PublishPanel) resolve(keepMine bool) {
	ce := p.conflict
	if ce == nil {
		return
	}
	p.conflict = nil
	p.Conflict.Hide()
	p.PublishBtn.Disable()
	branch := ""
	if keepMine {
		branch = "my-version-" + time.Now().Format("2006-01-02-1504")
	}
	dir, auth := p.v.c.Dir, p.Auth
	scan := p.v.prepareReload()
	go func() {
		err := resolveConflict(dir, ce, branch, auth)
		var scanErr error
		if err == nil {
			scanErr = scan.Scan(p.v.life) // the server's pages are in the folder now
		}
		fyne.Do(func() {
			if err != nil {
				p.PublishBtn.Enable()
				p.Result.SetText(lang.L("Could not resolve: {{.Reason}}", map[string]any{"Reason": UserError(p.v.words, "", err).Error()}))
				return
			}
			p.v.applyScan(scan, scanErr, nil)
			p.publishAnyway() // the author saw the checks before
			if branch != "" {
				p.Result.SetText(lang.L("Your version is kept on the branch {{.Branch}}; publishing the server's version of {{.Files}}…", map[string]any{"Branch": branch, "Files": strings.Join(ce.Paths, ", ")}))
			}
		})
	}()
}

// resolveConflict keeps the local version on branch (when not "") and
// takes the server's version of the clashing files.
func resolveConflict(dir string, ce *repo.RemoteConflictError, branch string, auth *repo.Auth) error {
	ctx := context.Background()
	r, err := repo.Open(dir, repo.Options{})
	if err != nil {
		return err
	}
	if branch != "" {
		if err := r.KeepMineAsBranch(branch); err != nil {
			return err
		}
		if err := r.Push(ctx, repo.PushOptions{Branches: []string{branch}, Auth: auth}); err != nil && !errors.Is(err, repo.ErrUpToDate) {
			return err
		}
	}
	_, err = r.TakeTheirs(ctx, ce.Paths...)
	return err
}

// showText shows s in l, and hides l while s is empty: the panel's phase
// and checks lines left empty a blank band between Publish and the
// result.
func showText(l *widget.Label, s string) {
	l.SetText(s)
	if s == "" {
		l.Hide()
	} else {
		l.Show()
	}
}
