// Wechaty from config: wechaty-puppet-service (token) or wechaty-puppet-wechat4u (QR code in the terminal).
// The mock puppet for the console chat and tests is built by mock-world.ts instead.
import qrcodeTerminal from 'qrcode-terminal';
import { ScanStatus, WechatyBuilder, type Wechaty } from 'wechaty';
import type { Config } from '../../../ground/config.js';
import type { Logger } from '../../../ground/logger.js';

export function buildRealWechaty(config: Config, logger: Logger): Wechaty {
  const puppet = config.puppet;
  if (!puppet || puppet === 'wechaty-puppet-mock')
    throw new Error('buildRealWechaty needs WECHATY_PUPPET to name a real puppet');
  const puppetOptions = puppet === 'wechaty-puppet-service' ? { token: config.puppetToken } : {};
  const bot = WechatyBuilder.build({ name: `zhibu-${config.botName}`, puppet, puppetOptions });
  bot.on('scan', (qrcode: string, status: ScanStatus) => {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    process.stderr.write('请用作为机器人的微信号扫描下面的二维码登录（网页版协议，很多账号会被拒绝登录）：\n');
    qrcodeTerminal.generate(qrcode, { small: true }, (art) => process.stderr.write(`${art}\n`));
  });
  bot.on('login', (user) => logger.info({ user: user.id, name: user.name() }, 'wechat logged in'));
  bot.on('logout', (user) => logger.warn({ user: user.id }, 'wechat logged out'));
  bot.on('error', (err) => logger.error({ err }, 'wechaty error'));
  return bot;
}
