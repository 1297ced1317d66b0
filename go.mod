module github.com/coursewright/coursewright

go 1.26.0

require (
	github.com/github/go-spdx/v2 v2.8.0 // indirect
	github.com/rogpeppe/go-internal v1.16.0 // indirect
	golang.org/x/text v0.44.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
