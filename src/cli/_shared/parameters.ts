// The usage texts' lines about instance parameters, derived from the parameter table (src/parameters.ts).
import { envNames, parametersOf } from '../../parameters';

const names = (surface: 'service' | 'fetch'): string =>
  parametersOf(surface)
    .map((spec) => (spec.aliases?.length ? `${spec.name} (or ${spec.aliases.join(', ')})` : spec.name))
    .join(', ');

/** For `fetch --help`: the fetch parameters, under their XSOAR names and aliases. */
export const FETCH_PARAMETERS_HELP = `Fetch parameters: ${names('fetch')}.`;

/** For the --config option of every subcommand: the keys a config file takes and the variables that win over it. */
export const CONFIG_HELP = [
  `Instance parameters (config file keys): ${names('service')}.`,
  `Environment variables (they win over the file): ${parametersOf('service').flatMap(envNames).join(', ')}.`,
].join('\n');
