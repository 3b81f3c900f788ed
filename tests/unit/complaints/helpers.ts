import { team, type Api } from '../review/helpers';

/** The complaints desk: the social-media admin (a writer, signed in) and the Kabid IKP (an editor). */
export async function complaintsDesk(api: Api) {
  const { writer: admin, editor } = await team(api, { names: ['Admin Medsos', 'Kabid IKP'] });
  await api.call('session.signIn', { memberId: admin.id });
  return { admin, editor };
}
