// Renders a page inside the layout with what every page needs: the viewer, the navigation and a CSRF token.
import type { FastifyReply } from 'fastify';

export const NAV = [
  { href: '/', label: '概览', admin: false },
  { href: '/meetings', label: '会议', admin: false },
  { href: '/members', label: '成员', admin: false },
  { href: '/broadcasts', label: '广播', admin: true },
  { href: '/knowledge', label: '知识库', admin: true },
  { href: '/questions', label: '问答记录', admin: false },
  { href: '/audit', label: '审计', admin: true },
  { href: '/queues', label: '队列', admin: true },
];

export function page(reply: FastifyReply, template: string, data: Record<string, unknown>) {
  const viewer = reply.request.viewer;
  const csrf = viewer ? reply.generateCsrf() : '';
  const nav = viewer ? NAV.filter((n) => !n.admin || viewer.role === 'admin') : [];
  const path = reply.request.url.split('?')[0];
  return reply.type('text/html; charset=utf-8').view(template, { viewer, csrf, nav, path, ...data });
}
