module github.com/coursewright/coursewright

go 1.26.0

require (
	github.com/github/go-spdx/v2 v2.8.0
	golang.org/x/text v0.44.0
	gopkg.in/yaml.v3 v3.0.1
)
