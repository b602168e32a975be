// The random-argument property, first half of the commands (the second half: test/commands2/arguments.property.test.ts).
import { randomArgumentProperty } from './support/property';

randomArgumentProperty(0);
