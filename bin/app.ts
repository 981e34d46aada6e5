#!/usr/bin/env node
import { buildCatalogApp } from '../examples/catalog';

buildCatalogApp().synth();
