import { PyraxException } from "./exceptions.js";

/** `wait_until` gave up (`raise_on_timeout`): the attribute never had a desired value in time. */
export class WaitTimeout extends PyraxException {
  static override readonly errorId: string = "PyraxWaitTimeout";
  /** The attribute waited on. */
  readonly att: string;
  /** Its last value. */
  readonly value: unknown;

  constructor(att: string, value: unknown, timeoutSeconds: number | undefined) {
    super(`wait_until gave up${timeoutSeconds === undefined ? "" : ` after ${timeoutSeconds} s`}: ${att} is ${String(value)}`, "PYRAX_WAIT_TIMEOUT");
    this.att = att;
    this.value = value;
  }
}
