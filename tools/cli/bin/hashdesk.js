#!/usr/bin/env node
require("../dist/hashdesk.js");
