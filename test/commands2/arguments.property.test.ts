// The random-argument property, second half of the commands (the first half: test/commands/arguments.property.test.ts).
import { randomArgumentProperty } from '../commands/support/property';

randomArgumentProperty(1);
