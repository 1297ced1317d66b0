package editor

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"

	"fyne.io/fyne/v2"

	"github.com/coursewright/coursewright/adapt"
	"github.com/coursewright/coursewright/course"
	"github.com/coursewright/coursewright/publish"
	"github.com/coursewright/coursewright/publish/export"
	"github.com/coursewright/coursewright/repo"
)

// UserError is err as a dialog shows it: lead (what failed, already in
// the interface language; may be empty) followed by ErrorWords(err). The
// error chain, which is for programmers, goes to the log; errors.Is and
// errors.As still see it.
func UserError(w Wording, lead string, err error) error {
	if err == nil {
		return nil
	}
	switch err.(type) {
	case *userError, *uiError:
		return err // said in words already
	}
	fyne.LogError(lead, err)
	words := ErrorWords(w, err)
	if lead != "" {
		words = lead + " " + words
	}
	return &userError{words: words, err: err}
}

// Words is an error that is already the words to show (a check of the
// author's input); UserError passes it on as it is.
func Words(words string) error { return &userError{words: words} }

type userError struct {
	words string
	err   error
}

func (e *userError) Error() string { return e.words }
func (e *userError) Unwrap() error { return e.err }

// ErrorWords says what happened and what to do, in the interface
// language, for the errors the library packages name (their sentinel
// errors); any other error gets a general sentence, never a Go error
// chain (the chain is for the log).
func ErrorWords(w Wording, err error) string {
	if w := courseErrorWords(w, err); w != "" {
		return w
	}
	if w := repoErrorWords(w, err); w != "" {
		return w
	}
	if w := publishErrorWords(w, err); w != "" {
		return w
	}
	if w := adaptErrorWords(w, err); w != "" {
		return w
	}
	if w := systemErrorWords(w, err); w != "" {
		return w
	}
	return w.L("Something went wrong and the work was not finished. Try again; if it happens again, the log has the details for a bug report.")
}

func courseErrorWords(w Wording, err error) string {
	switch {
	case errors.Is(err, ErrNothingSelected):
		return w.L("Select a module or a page in the list first.")
	case errors.Is(err, course.ErrNotCourse):
		return w.L("This folder is not a course. Choose a folder that has _data/course.yml, or create a new course.")
	case errors.Is(err, course.ErrNoData):
		return w.L("The course's settings file _data/course.yml is missing or not valid. Fix it first: the course check shows where.")
	case errors.Is(err, course.ErrEditing):
		return w.L("Another program is editing this course. Try again when it has finished.")
	case errors.Is(err, course.ErrBadSlug):
		return w.L("This name can't be used. Use letters, digits and dashes.")
	case errors.Is(err, course.ErrBadTitle):
		return w.L("This title can't be used. Write a title of one line.")
	case errors.Is(err, course.ErrOutsideCourse):
		return w.L("This path leads outside the course folder. Choose a file inside the course.")
	case errors.Is(err, course.ErrExists):
		return w.L("Something with this name exists already. Choose another name.")
	case errors.Is(err, course.ErrNotInCourse):
		return w.L("This is no longer part of the course. It may have been moved or removed.")
	}
	return ""
}

func repoErrorWords(w Wording, err error) string {
	switch {
	case errors.Is(err, repo.ErrNothingToSave):
		return w.L("Nothing changed since the last saved version.")
	case errors.Is(err, repo.ErrNoVersions):
		return w.L("No version of this course has been saved yet.")
	case errors.Is(err, repo.ErrLocked):
		return w.L("Another program is saving this course right now. Wait a moment and try again.")
	case errors.Is(err, repo.ErrUnfinishedGitMerge):
		return w.L("A merge started with git is not finished in this course folder. Finish it with git before saving here.")
	case errors.Is(err, repo.ErrUnsavedChanges):
		return w.L("Some files have changes that are not saved as a version yet. Save a version first.")
	case errors.Is(err, repo.ErrNotInHistory):
		return w.L("This version is not in the course's history.")
	case errors.Is(err, repo.ErrBranchExists):
		return w.L("A branch with that name exists already. Choose another name.")
	case errors.Is(err, repo.ErrNoRemote):
		return w.L("No publishing address is set for this course. Set one first.")
	case errors.Is(err, repo.ErrInvalidURL):
		return w.L("This is not a git repository address. Use https://host/owner/repo.git or git@host:owner/repo.git.")
	case errors.Is(err, repo.ErrCredentialsInURL):
		return w.L("The address contains a password or token. Remove it from the address: Coursewright asks for the token and keeps it in the system keychain.")
	case errors.Is(err, repo.ErrRemoteAhead):
		return w.L("The copy on the server has changes that are not here yet. Get them and merge first; nothing was overwritten.")
	case errors.Is(err, repo.ErrAuth):
		return w.L("The server did not accept the sign-in. Check the user name and token, or that your SSH key is added to your account.")
	case errors.Is(err, repo.ErrUpToDate):
		return w.L("Already up to date: nothing needed to be sent.")
	case errors.Is(err, repo.ErrRemoteNotFound):
		return w.L("The server has no repository at this address. Check the address, or create the repository on the host first.")
	case errors.Is(err, repo.ErrConflict):
		return w.L("The same file was changed here and on the server. Choose which version to keep.")
	case errors.Is(err, repo.ErrSourceBranch), errors.Is(err, publish.ErrSourceBranchChoice):
		return w.L("This branch holds the course's source files. Publish the website to another branch, or keep publishing with the host's Jekyll.")
	case errors.Is(err, repo.ErrCheckedOutBranch):
		return w.L("The course folder itself is saved on this branch. Choose another branch for the website.")
	case errors.Is(err, repo.ErrUnsafeFile):
		return w.L("The course holds a file that must not be published (a password or key file). Remove it or move it out of the course folder.")
	case errors.Is(err, repo.ErrPassphraseNeeded):
		return w.L("The SSH key is protected by a passphrase. Enter it to continue.")
	case errors.Is(err, repo.ErrHostKeyChanged):
		return w.L("The server's identity has changed since the last connection. Do not continue unless the host announced a key change.")
	case errors.Is(err, repo.ErrEmptySource):
		return w.L("This repository holds no saved version yet, so there is nothing to copy.")
	case errors.Is(err, repo.ErrNoUpstream):
		return w.L("This course does not follow another course.")
	}
	return ""
}

func publishErrorWords(w Wording, err error) string {
	switch {
	case errors.Is(err, publish.ErrCourseErrors):
		return w.L("The course has errors, so nothing was published. The course check lists them.")
	case errors.Is(err, publish.ErrOutputInCourse):
		return w.L("The website can't be built there: it would overwrite the course. Choose a folder outside the course.")
	case errors.Is(err, publish.ErrOutputNotEmpty):
		return w.L("That folder is not empty and was not made by Coursewright. Choose an empty folder.")
	case errors.Is(err, publish.ErrUnknownHost):
		return w.L("This git host is not known. Choose GitHub, GitLab, Codeberg, Forgejo or another host.")
	case errors.Is(err, export.ErrNoBrowser):
		return w.L("No Chromium or Chrome browser was found to print the book. Install one, or open the book's HTML in a browser and print it from there.")
	case errors.Is(err, export.ErrUnknownFormat):
		return w.L("Coursewright does not know this export format.")
	}
	return ""
}

func adaptErrorWords(w Wording, err error) string {
	switch {
	case errors.Is(err, adapt.ErrNoLicense):
		return w.L("No license was found for this course. A work without a license may not be adapted without its authors' permission.")
	case errors.Is(err, adapt.ErrNoDerivatives):
		return w.L("The course's license allows sharing unchanged copies only (NoDerivatives), so it may not be adapted without its authors' permission. You may still share it exactly as it is, with credit.")
	case errors.Is(err, adapt.ErrUnknownTerms):
		return w.L("Coursewright does not know what this license allows for adaptations. Check the license, or ask the authors.")
	case errors.Is(err, adapt.ErrLicenseNotAllowed):
		return w.L("This license cannot be used for an adaptation of this course. Choose the license the original's terms require.")
	case errors.Is(err, adapt.ErrNotAdaptation):
		return w.L("This course is not an adaptation of another course.")
	case errors.Is(err, adapt.ErrConflict):
		return w.L("The original and this course changed the same place. Choose which version to keep.")
	}
	return ""
}

// systemErrorWords names the file system's and the context's errors.
func systemErrorWords(w Wording, err error) string {
	var pe *fs.PathError
	name := ""
	if errors.As(err, &pe) {
		name = filepath.Base(pe.Path)
	}
	switch {
	case errors.Is(err, context.Canceled):
		return w.L("Cancelled: nothing was changed.")
	case errors.Is(err, context.DeadlineExceeded):
		return w.L("This took too long and was stopped. Try again.")
	case errors.Is(err, syscall.ENOSPC):
		return w.L("The disk is full. Make room, or choose another place.")
	case errors.Is(err, fs.ErrPermission) && name != "":
		return w.L("Coursewright may not use {{.Name}} (permission denied). Choose another place, or change the folder's permissions.", map[string]any{"Name": name})
	case errors.Is(err, fs.ErrPermission):
		return w.L("Permission denied. Choose another place, or change the folder's permissions.")
	case errors.Is(err, fs.ErrNotExist) && name != "":
		return w.L("{{.Name}} does not exist (any more). It may have been moved or removed.", map[string]any{"Name": name})
	case errors.Is(err, fs.ErrNotExist):
		return w.L("The file or folder does not exist (any more). It may have been moved or removed.")
	}
	return ""
}
