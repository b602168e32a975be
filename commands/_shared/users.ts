// Finding the Code42 user a command is about, with the sentence the XSOAR integration answers when there is none.
import type { Code42Api, DetectionListProfile, User } from '../../src/code42/api';
import { Code42Error } from '../../src/code42/errors';
import { CommandError } from '../../src/registry';

export const noUserSentence = (username: string): string => `No user found with username ${username}.`;

/** The gateway user (`GET /v1/users?username=`); nobody by that name is a one-sentence error. */
export async function lookupUser(code42: Code42Api, username: string): Promise<User> {
  const user = await code42.users.findByUsername(username);
  if (!user) throw new CommandError(noUserSentence(username));
  return user;
}

/** The user's detection-list profile (seed 000); Code42's 400 "Could not find user" becomes the same sentence. */
export async function detectionListProfile(code42: Code42Api, username: string): Promise<DetectionListProfile> {
  try {
    return await code42.detectionLists.getProfile(username);
  } catch (error) {
    if (error instanceof Code42Error && (error.kind === 'not-found' || error.mentions('Could not find user'))) {
      throw new CommandError(noUserSentence(username));
    }
    throw error;
  }
}
