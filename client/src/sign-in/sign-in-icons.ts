import {
  CloseCircleFill,
  ExclamationCircleFill,
  EyeInvisibleOutline,
  EyeOutline,
  GlobalOutline,
  InfoCircleFill,
  SafetyCertificateOutline,
} from '@ant-design/icons-angular/icons';

/** The page's few icons: the app's icon set (plain SVG data, no framework), by the names the markup uses. */
export const ICONS: Readonly<Record<string, string>> = {
  global: GlobalOutline.icon,
  info: InfoCircleFill.icon,
  warning: ExclamationCircleFill.icon,
  error: CloseCircleFill.icon,
  eye: EyeOutline.icon,
  'eye-invisible': EyeInvisibleOutline.icon,
  safety: SafetyCertificateOutline.icon,
};
