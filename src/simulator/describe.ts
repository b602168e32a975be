// What `code42-soar simulate` (and the README's simulator paragraph) lists about a tenant: the people with
// their user and actor ids, the watchlists, legal-hold matters and alert rules — the names a playbook author
// types into commands.
import type { Tenant } from './tenant';

export function describeTenant(tenant: Tenant): string[] {
  const lines: string[] = [`Tenant ${tenant.customerName} (${tenant.tenantId})`, '', 'Users (username, user id, actor id; * = actor id differs from user id):'];
  for (const user of tenant.users) {
    const actor = tenant.actorOfUser(user.userId);
    const children = actor ? tenant.childrenOf(actor).map((c) => c.name) : [];
    const flags = [user.active ? '' : 'inactive', user.blocked ? 'blocked' : '', children.length > 0 ? `other identities: ${children.join(', ')}` : ''].filter(Boolean);
    lines.push(`  ${user.username}  ${user.userId}  ${actor?.actorId ?? '-'}${actor && actor.actorId !== user.userId ? ' *' : ''}${flags.length > 0 ? `  (${flags.join('; ')})` : ''}`);
  }
  lines.push('', 'Watchlists (type, title, members):');
  for (const watchlist of tenant.watchlists) {
    const members = tenant.members(watchlist).map((m) => tenant.actor(m.actorId)?.name.split('@')[0] ?? m.actorId);
    lines.push(`  ${watchlist.listType}${watchlist.title ? ` "${watchlist.title}"` : ''}  ${watchlist.watchlistId}  [${members.join(', ')}]`);
  }
  lines.push('', 'Legal-hold matters:');
  for (const matter of tenant.matters) lines.push(`  "${matter.name}"  ${matter.matterId}${matter.active ? '' : '  (inactive)'}`);
  lines.push('', 'Alert rules:');
  for (const rule of tenant.rules) {
    const targets = [rule.watchlistIds.length > 0 ? 'watchlist' : '', rule.users !== null ? 'username' : ''].filter(Boolean);
    lines.push(`  "${rule.name}"  ${rule.id}${targets.length > 0 ? `  (${targets.join(' + ')} filter)` : ''}${rule.isEnabled ? '' : '  (disabled)'}`);
  }
  return lines;
}
