package repo

import "fmt"

// Coursewright keeps a few choices about a course's repository (how its
// host serves websites, for one) in the repository's own settings
// (.git/config, section "coursewright"): they belong to this copy and its
// remote, not to the course, so they never reach the server or a
// co-author's copy, and git keeps them as they are.

// settingsSection is the section of .git/config Coursewright writes.
const settingsSection = "coursewright"

// Setting returns a setting of the repository ("" when unset or when the
// folder is not a repository yet).
func (r *Repo) Setting(key string) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.git == nil {
		return "", nil
	}
	cfg, err := r.st.Config()
	if err != nil {
		return "", fmt.Errorf("reading the repository settings of %s: %w", r.dir, err)
	}
	return cfg.Raw.Section(settingsSection).Option(key), nil
}

// SetSetting records a setting of the repository; "" removes it.
func (r *Repo) SetSetting(key, value string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.ensureRepo(); err != nil {
		return err
	}
	cfg, err := r.st.Config()
	if err != nil {
		return fmt.Errorf("reading the repository settings of %s: %w", r.dir, err)
	}
	s := cfg.Raw.Section(settingsSection)
	if s.Option(key) == value {
		return nil
	}
	if value == "" {
		s.RemoveOption(key)
	} else {
		s.SetOption(key, value)
	}
	if err := r.st.SetConfig(cfg); err != nil {
		return fmt.Errorf("saving the repository setting %s: %w", key, err)
	}
	return nil
}
