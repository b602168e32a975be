// A fetch parameter that cannot be used, said in one sentence naming the parameter as the user set it.
export class FetchParamsError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'FetchParamsError';
  }
}
